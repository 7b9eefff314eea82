package dev.lakegate.auth.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.auth.store.AuthStateException;
import dev.lakegate.auth.store.StateFile;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/** The {@code clients.json} format: per client its name, id, secret hash, state and times. */
final class ClientBookCodec implements StateFile.Codec<ClientBook> {
  private static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String fileName;

  ClientBookCodec(String fileName) {
    this.fileName = fileName;
  }

  @Override
  public ClientBook empty() {
    return ClientBook.empty();
  }

  @Override
  public ClientBook decode(byte[] bytes) {
    try {
      ClientsFile file = JSON.readValue(bytes, ClientsFile.class);
      if (file.version() != VERSION) {
        throw new AuthStateException(fileName + " has unknown version " + file.version());
      }
      return new ClientBook(file.clients().stream()
          .map(c -> new AppClient(c.name(), c.clientId(), c.secretHash(), c.enabled(),
              Instant.parse(c.createdAt()), Instant.parse(c.secretRotatedAt())))
          .toList());
    } catch (IOException | DateTimeParseException e) {
      throw new AuthStateException(fileName + " is not a valid client file: " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] encode(ClientBook book) throws IOException {
    List<StoredClient> clients = book.clients().stream()
        .map(c -> new StoredClient(c.name(), c.clientId(), c.secretHash(), c.enabled(),
            c.createdAt().toString(), c.secretRotatedAt().toString()))
        .toList();
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new ClientsFile(VERSION, clients));
  }

  record ClientsFile(int version, List<StoredClient> clients) {
    ClientsFile {
      clients = List.copyOf(clients);
    }
  }

  record StoredClient(
      String name, String clientId, String secretHash, boolean enabled, String createdAt, String secretRotatedAt) {
    // A missing field fails here, inside Jackson, which reports it with its position.
    StoredClient {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(secretHash, "secretHash");
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(secretRotatedAt, "secretRotatedAt");
    }
  }
}
