package dev.lakegate.client;

/** What became of one file of a batch: it arrived, or it failed for a stated reason. */
public sealed interface UploadOutcome {

  /** The path or name the outcome is about. */
  String source();

  record Uploaded(UploadResult result) implements UploadOutcome {
    @Override
    public String source() {
      return result.source();
    }
  }

  record Failed(String source, UploadException error) implements UploadOutcome {}
}
