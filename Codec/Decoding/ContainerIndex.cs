using System.Buffers;
using RegionCodec.Container;

namespace RegionCodec.Decoding;

/// <summary>
/// A whole file in memory, validated chunk by chunk (framing, CRCs, order) and indexed so that its
/// strips can be decoded in any order or in parallel.
/// </summary>
internal sealed class ContainerIndex
{
    private ContainerIndex(ContainerParser parser, (int Start, int Length)[] strips)
    {
        Parser = parser;
        Strips = strips;
    }

    public ContainerParser Parser { get; }

    public FrameHeader Header => Parser.Header!;

    public RsgImageInfo Info => Parser.Info!;

    /// <summary>Each strip's entropy-coded payload (after its 4-byte index): start offset in the file and length.</summary>
    public (int Start, int Length)[] Strips { get; }

    public static ContainerIndex Read(ReadOnlyMemory<byte> file, RsgDecoderOptions options)
    {
        var parser = new ContainerParser(options);
        ReadOnlySpan<byte> span = file.Span;
        if (span.Length < 8 || !span[..8].SequenceEqual(RsgConstants.Signature))
        {
            bool prefixMatches = span.Length < 8 && span.SequenceEqual(RsgConstants.Signature[..span.Length]);
            ThrowHelper.Format(prefixMatches && span.Length > 0 ? RsgError.Truncated : RsgError.BadSignature, prefixMatches ? span.Length : 0,
                prefixMatches && span.Length > 0 ? "file ends inside the signature" : "not an .rsg file (signature mismatch)");
        }

        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(file));
        reader.Advance(8);
        (int Start, int Length)[]? strips = null;
        while (!parser.IsComplete)
        {
            long offset = reader.Consumed;
            if (!ChunkFraming.TryRead(ref reader, parser, offset, out uint type, out ReadOnlySequence<byte> data))
            {
                ThrowHelper.Format(RsgError.Truncated, file.Length,
                    parser.Header is null ? "file ends before the header" : $"file ends after {parser.NextStrip} of {parser.Header.StripCount} strips, before REND");
            }

            int strip = parser.Accept(type, data.FirstSpan, offset);
            if (strip >= 0)
            {
                strips ??= new (int, int)[parser.Header!.StripCount];
                strips[strip] = ((int)offset + 12, (int)data.Length - 4);
            }
        }

        return new ContainerIndex(parser, strips!);
    }
}
