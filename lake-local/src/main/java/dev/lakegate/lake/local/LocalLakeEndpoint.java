package dev.lakegate.lake.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The lake's side of the server's listener ({@code contract.md} §6): it answers every request whose
 * path is {@code /{bucket}/...}. A {@code PUT} with a valid presigned URL stores an object, or a
 * part when the query names {@code partNumber} and {@code uploadId}; the signature, expiry and
 * {@code Content-MD5} are checked before any byte of the body is read, and the body must have the
 * declared length and MD5 or nothing is stored. Any other method gets {@code 405 MethodNotAllowed}.
 * Errors are S3's XML documents with the codes of {@link S3Error}. This class depends on no HTTP
 * library: the server converts its request to a {@link LakeRequest} and writes out the
 * {@link LakeResponse}.
 */
public final class LocalLakeEndpoint {
  private static final Pattern PART_NUMBER = Pattern.compile("[0-9]{1,5}");
  private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

  private final FileSystemLake lake;
  private final PresignedRequestVerifier verifier;
  /** {@code {basePath}/{bucket}}: the bucket's own path. */
  private final String bucketPath;
  /** {@code {basePath}/{bucket}/}: what the path of every object starts with. */
  private final String objectPrefix;

  LocalLakeEndpoint(FileSystemLake lake, PresignedRequestVerifier verifier, String basePath) {
    this.lake = lake;
    this.verifier = verifier;
    this.bucketPath = basePath + "/" + lake.bucket();
    this.objectPrefix = bucketPath + "/";
  }

  /** Whether {@code rawPath} is a lake path ({@code /{bucket}} or {@code /{bucket}/...}), which the server routes here. */
  public boolean owns(String rawPath) {
    return rawPath.equals(bucketPath) || rawPath.startsWith(objectPrefix);
  }

  /** Answers any request on a lake path: {@code PUT} is served by {@link #put}, anything else is refused with 405. */
  public LakeResponse handle(LakeRequest request) {
    if (request.method().equals("PUT")) {
      return put(request);
    }
    return error(
        new S3ErrorException(S3Error.METHOD_NOT_ALLOWED, request.method() + " on the lake"),
        request.rawPath(),
        request.requestId());
  }

  /** Verifies and stores one presigned {@code PUT}; returns 200 with the ETag, or an S3 XML error. */
  public LakeResponse put(LakeRequest request) {
    try {
      String key = keyOf(request.rawPath());
      // An odd key is refused whatever the signature says: no URL may name a path outside the bucket.
      lake.checkKey(key);
      String canonicalPath = objectPrefix + PercentEncoding.encode(key, true);
      Map<String, List<String>> query = PercentEncoding.decodeQuery(request.rawQuery());
      verifier.verify(new PresignedRequestVerifier.Received("PUT", canonicalPath, query, request));
      byte[] contentMd5 = contentMd5(request);
      long length = contentLength(request);
      String etag =
          isPart(query)
              ? lake.receivePart(partPut(key, query), request.body(), length, contentMd5)
              : lake.receiveObject(key, request.body(), length, contentMd5);
      return new LakeResponse(200, Map.of("ETag", etag, "x-amz-request-id", request.requestId()), new byte[0], Optional.empty());
    } catch (S3ErrorException e) {
      return error(e, request.rawPath(), request.requestId());
    } catch (PathConflictException e) {
      return error(new S3ErrorException(S3Error.INVALID_ARGUMENT, String.valueOf(e.getMessage()), e), request.rawPath(), request.requestId());
    } catch (IOException | RuntimeException e) {
      return error(
          new S3ErrorException(S3Error.INTERNAL_ERROR, "storing failed: " + e, e), request.rawPath(), request.requestId());
    }
  }

  private String keyOf(String rawPath) {
    if (rawPath.equals(bucketPath) || rawPath.equals(objectPrefix)) {
      throw new S3ErrorException(S3Error.METHOD_NOT_ALLOWED, "a bucket-level request");
    }
    if (!rawPath.startsWith(objectPrefix)) {
      throw new S3ErrorException(S3Error.NO_SUCH_BUCKET, "path names another bucket");
    }
    return PercentEncoding.decode(rawPath.substring(objectPrefix.length()));
  }

  private static byte[] contentMd5(LakeRequest request) {
    String header =
        request.header("Content-MD5")
            .orElseThrow(() -> new S3ErrorException(S3Error.SIGNATURE_DOES_NOT_MATCH, "Content-MD5 is missing"));
    try {
      byte[] md5 = Base64.getDecoder().decode(header.strip());
      if (md5.length == 16) {
        return md5;
      }
    } catch (IllegalArgumentException e) {
      // Not base64: reported below like a digest of the wrong length.
    }
    throw new S3ErrorException(S3Error.INVALID_DIGEST, "Content-MD5 is not the base64 of 16 bytes");
  }

  private static long contentLength(LakeRequest request) {
    long length =
        request.contentLength()
            .orElseThrow(() -> new S3ErrorException(S3Error.MISSING_CONTENT_LENGTH, "no Content-Length"));
    if (length < 0) {
      throw new S3ErrorException(S3Error.MISSING_CONTENT_LENGTH, "negative Content-Length");
    }
    if (length > FileSystemLake.MAX_PUT_BYTES) {
      throw new S3ErrorException(S3Error.ENTITY_TOO_LARGE, "Content-Length above 5 GiB");
    }
    return length;
  }

  private static boolean isPart(Map<String, List<String>> query) {
    return query.containsKey("partNumber") || query.containsKey("uploadId");
  }

  private static FileSystemLake.PartPut partPut(String key, Map<String, List<String>> query) {
    List<String> numbers = query.getOrDefault("partNumber", List.of());
    List<String> ids = query.getOrDefault("uploadId", List.of());
    if (numbers.size() != 1 || ids.size() != 1 || !PART_NUMBER.matcher(numbers.get(0)).matches()) {
      throw new S3ErrorException(S3Error.INVALID_ARGUMENT, "a part needs one partNumber and one uploadId");
    }
    int partNumber = Integer.parseInt(numbers.get(0));
    if (partNumber < 1 || partNumber > MultipartStore.MAX_PART_NUMBER) {
      throw new S3ErrorException(S3Error.INVALID_ARGUMENT, "partNumber out of 1..10000");
    }
    return new FileSystemLake.PartPut(key, ids.get(0), partNumber);
  }

  private static LakeResponse error(S3ErrorException e, String resource, String requestId) {
    S3Error error = e.error();
    Map<String, String> headers =
        Map.of("Content-Type", "application/xml", "x-amz-request-id", requestId);
    if (error == S3Error.METHOD_NOT_ALLOWED) {
      headers = Map.of("Content-Type", "application/xml", "x-amz-request-id", requestId, "Allow", "PUT");
    }
    return new LakeResponse(error.status(), headers, xml(error, resource, requestId), Optional.ofNullable(e.getMessage()));
  }

  /** S3's error document: {@code <Error><Code/><Message/><Resource/><RequestId/></Error>}. */
  static byte[] xml(S3Error error, String resource, String requestId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      XMLStreamWriter xml = XML.createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("Error");
      element(xml, "Code", error.code());
      element(xml, "Message", error.message());
      element(xml, "Resource", resource);
      element(xml, "RequestId", requestId);
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing XML to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(text);
    xml.writeEndElement();
  }
}
