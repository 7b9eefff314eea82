package dev.lakegate.core.upload;

import java.util.List;

/**
 * Why an upload-API request was refused or failed. Each reason becomes one status and JSON body in
 * {@link UploadResponses}, the same in both deployments; {@link #detail()} is for the log only.
 */
public sealed interface UploadFailure {

  /** A description for the log: may name keys and ids, never secrets. */
  String detail();

  /** The request carried no verified client identity (an edge that skipped authorization). */
  record Unauthenticated() implements UploadFailure {
    @Override
    public String detail() {
      return "no client_id claim in the request context";
    }
  }

  /** The path names no operation of the API. */
  record UnknownOperation(String operation) implements UploadFailure {
    @Override
    public String detail() {
      return "unknown operation \"" + operation + "\"";
    }
  }

  /** Required parameters (configured or needed by the operation) are absent. */
  record MissingParameters(List<String> names) implements UploadFailure {
    public MissingParameters {
      names = List.copyOf(names);
    }

    @Override
    public String detail() {
      return "missing parameters " + names;
    }
  }

  /** Parameters that are neither configured nor used by the operation are present. */
  record UnexpectedParameters(List<String> names) implements UploadFailure {
    public UnexpectedParameters {
      names = List.copyOf(names);
    }

    @Override
    public String detail() {
      return "unexpected parameters " + names;
    }
  }

  /** A parameter has a value the operation cannot use. */
  record MalformedParameter(String name, String problem) implements UploadFailure {
    @Override
    public String detail() {
      return "parameter " + name + ": " + problem;
    }
  }

  /** No multipart upload is in progress for that uuid. */
  record UnknownUpload(String uuid) implements UploadFailure {
    @Override
    public String detail() {
      return "no multipart upload in progress for uuid " + uuid;
    }
  }

  /** A multipart upload is in progress for that uuid, but under another upload id. */
  record UploadIdMismatch(String uuid, String uploadId) implements UploadFailure {
    @Override
    public String detail() {
      return "upload id " + uploadId + " does not belong to uuid " + uuid;
    }
  }

  /** The multipart upload was started by another app client. */
  record ForeignUpload(String uuid, String owner, String caller) implements UploadFailure {
    @Override
    public String detail() {
      return "multipart upload of uuid " + uuid + " belongs to client " + owner + ", not " + caller;
    }
  }

  /** Completion was asked for before any part was uploaded. */
  record NoParts(String uuid) implements UploadFailure {
    @Override
    public String detail() {
      return "completion of uuid " + uuid + " with no uploaded parts";
    }
  }

  /** The store refused the parts: one other than the last is under 5 MiB, or one is invalid. */
  record PartsRejected(String uuid, String problem) implements UploadFailure {
    @Override
    public String detail() {
      return "parts of uuid " + uuid + " rejected: " + problem;
    }
  }

  /** The store is misconfigured for us (missing bucket, denied credentials): an operator's problem. */
  record LakeMisconfigured(String problem) implements UploadFailure {
    @Override
    public String detail() {
      return problem;
    }
  }

  /** The store could not be reached or failed in a way worth retrying. */
  record LakeUnavailable(String problem) implements UploadFailure {
    @Override
    public String detail() {
      return problem;
    }
  }
}
