package dev.lakegate.bench.micro;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.core.upload.MetadataMapper;
import dev.lakegate.core.upload.Operation;
import dev.lakegate.core.upload.RequestEvent;
import dev.lakegate.core.upload.RequestRules;
import dev.lakegate.core.upload.UploadFailure;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The per-request work of the core before the lake is touched ({@code contract.md} §4, §5):
 * checking a {@code unipart} query against the request rules, and building its metadata document
 * from the request event with the comprehensive sample's six mappings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CoreBenchmarks {
  private final RequestRules rules = new RequestRules(SampleRequests.REQUEST_PARAMETERS);
  private final MetadataMapper mapper = new MetadataMapper(SampleRequests.METADATA_MAPPINGS);
  private final RequestEvent event = SampleRequests.unipart();

  @Benchmark
  public Optional<UploadFailure> requestRulesAcceptUnipart() {
    return rules.check(Operation.UNIPART, SampleRequests.UNIPART_QUERY);
  }

  @Benchmark
  public ObjectNode metadataMappingOfUnipart() {
    return mapper.map(event);
  }
}
