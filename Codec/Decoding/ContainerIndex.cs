using System.Buffers;
using RegionCodec.Container;

namespace RegionCodec.Decoding;

/// <summary>
/// A whole file in memory, validated chunk by chunk (framing, CRCs, order) by the same walker as the
/// streaming paths, and indexed so that its strips can be decoded in any order or in parallel.
/// </summary>
internal sealed class ContainerIndex
{
    private ContainerIndex(ContainerParser parser, StripChunk[] strips, StripChunk[] alphas, StripChunk[] losslesses)
    {
        Parser = parser;
        Strips = strips;
        Alphas = alphas;
        Losslesses = losslesses;
    }

    public ContainerParser Parser { get; }

    public FrameHeader Header => Parser.Header!;

    public RsgImageInfo Info => Parser.Info!;

    /// <summary>Each strip's chunk, by strip index.</summary>
    public StripChunk[] Strips { get; }

    /// <summary>Each strip's ALPH chunk, by strip index; empty when the image has no alpha.</summary>
    public StripChunk[] Alphas { get; }

    /// <summary>Each strip's LOSS chunk, by strip index; empty when no region is lossless.</summary>
    public StripChunk[] Losslesses { get; }

    public static ContainerIndex Read(ReadOnlyMemory<byte> file, RsgDecoderOptions options)
    {
        using var walker = new StreamingDecoder(options, sink: null, StreamingGoal.Index, default);
        walker.Feed(new ReadOnlySequence<byte>(file), isFinalBlock: true);
        return new ContainerIndex(walker.Parser, walker.Strips, walker.Alphas, walker.Losslesses);
    }
}
