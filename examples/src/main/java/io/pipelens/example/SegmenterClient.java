package io.pipelens.example;

import com.google.protobuf.Struct;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * gRPC client of the Python segmenter ({@code pipeline/segmenter.proto}): unary
 * {@code pipelens.example.Segmenter/Assign}, Struct in and out. The agent's grpc-java
 * instrumentation adds a client span and {@code traceparent} to the call's metadata.
 */
final class SegmenterClient implements AutoCloseable {
  static final MethodDescriptor<Struct, Struct> ASSIGN = MethodDescriptor.<Struct, Struct>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName("pipelens.example.Segmenter/Assign")
      .setRequestMarshaller(ProtoUtils.marshaller(Struct.getDefaultInstance()))
      .setResponseMarshaller(ProtoUtils.marshaller(Struct.getDefaultInstance()))
      .build();

  private final ManagedChannel channel;

  SegmenterClient(String target) {
    this.channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
  }

  Map<String, Object> assign(Map<String, Object> request) throws StepFailedException {
    try {
      Struct reply = ClientCalls.blockingUnaryCall(channel, ASSIGN,
          CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS), Structs.of(request));
      return Structs.toMap(reply);
    } catch (StatusRuntimeException e) {
      throw new StepFailedException("segment: gRPC " + ASSIGN.getFullMethodName() + " failed: "
          + e.getStatus(), e);
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
