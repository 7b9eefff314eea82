package dev.lakegate.auth.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The content of {@code clients.json}: every stored client, indexed by id and by name. */
final class ClientBook {
  private final List<AppClient> clients;
  private final Map<String, AppClient> byId;
  private final Map<String, AppClient> byName;

  ClientBook(List<AppClient> clients) {
    this.clients = List.copyOf(clients);
    Map<String, AppClient> ids = new LinkedHashMap<>();
    Map<String, AppClient> names = new LinkedHashMap<>();
    for (AppClient client : this.clients) {
      ids.put(client.clientId(), client);
      names.put(client.name(), client);
    }
    this.byId = Map.copyOf(ids);
    this.byName = Map.copyOf(names);
  }

  static ClientBook empty() {
    return new ClientBook(List.of());
  }

  List<AppClient> clients() {
    return clients;
  }

  Optional<AppClient> byId(String clientId) {
    return Optional.ofNullable(byId.get(clientId));
  }

  Optional<AppClient> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** This book with {@code client} added, or replacing the stored client of the same name. */
  ClientBook with(AppClient client) {
    Map<String, AppClient> names = new LinkedHashMap<>();
    clients.forEach(c -> names.put(c.name(), c));
    names.put(client.name(), client);
    return new ClientBook(List.copyOf(names.values()));
  }

  /** This book keeping only the clients whose name {@code keep} contains. */
  ClientBook retaining(java.util.Set<String> keep) {
    return new ClientBook(clients.stream().filter(c -> keep.contains(c.name())).toList());
  }
}
