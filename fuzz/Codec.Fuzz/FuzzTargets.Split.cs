using System.Buffers;
using RegionCodec.Decoding;

namespace RegionCodec.Fuzz;

// The split target: split independence across the whole-buffer, stream and multi-segment Feed paths.
public static partial class FuzzTargets
{
    /// <summary>
    /// Limits of the split target, which decodes every input eight ways (four paths, raw and with CRCs
    /// repaired): 2^18 pixels (counted padded to whole MCUs) keeps its worst case near 1 s on a loaded
    /// machine.
    /// </summary>
    public static RsgDecoderOptions SplitOptions { get; } = new()
    {
        MaxWidth = 1 << 16,
        MaxHeight = 1 << 16,
        MaxPixels = 1 << 18,
        MaxDegreeOfParallelism = 1,
    };

    /// <summary>
    /// Split independence: the input is a split plan followed by a file (see <see cref="SplitPlan"/>).
    /// The file is decoded whole, by the streaming decoder reading a stream in the planned pieces, by
    /// <see cref="StreamingDecoder"/> fed multi-segment sequences cut at the planned points, and by the
    /// streaming decoder in one piece. All must agree: the same image, or all fail. The streaming
    /// paths must also fail with the same rule at the same offset, whatever the splits.
    /// </summary>
    public static void Split(byte[] input) => Split(input, SplitOptions);

    /// <inheritdoc cref="Split(byte[])"/>
    public static void Split(byte[] input, RsgDecoderOptions options)
    {
        var plan = SplitPlan.Parse(input);
        SplitOnce(plan.File, plan.Sizes, options);
        if (CrcRepair.Repair(plan.File) is byte[] repaired)
        {
            SplitOnce(repaired, plan.Sizes, options);
        }
    }

    private static void SplitOnce(byte[] file, IReadOnlyList<int> sizes, RsgDecoderOptions options)
    {
        // Work follows the image padded to whole MCUs (a 65536x1 image decodes 16 rows): skip inputs
        // beyond the pixel limit once padded, which the decode target covers.
        if (DeclaredPixels(file, options) > options.MaxPixels)
        {
            return;
        }

        Outcome whole = Run(() => RsgDecoder.Decode(file, options));
        Outcome oneShot = Run(() => RsgDecoder.Decode(new MemoryStream(file, writable: false), options));
        Outcome pieces = Run(() => RsgDecoder.Decode(new PiecewiseStream(file, sizes), options));
        Outcome segments = Run(() => DecodeSegments(file, sizes, options));

        Outcome.RequireSame("stream (one piece)", oneShot, "stream (split)", pieces, compareErrors: true);
        Outcome.RequireSame("stream (one piece)", oneShot, "multi-segment Feed", segments, compareErrors: true);

        // Whole-buffer decoding checks the container before any strip (spec §11.2), so its rule may
        // differ from the streaming decoder's; success, pixels and labels may not.
        Outcome.RequireSame("whole buffer", whole, "stream (one piece)", oneShot, compareErrors: false);
    }

    private static RsgImage DecodeSegments(byte[] file, IReadOnlyList<int> sizes, RsgDecoderOptions options)
    {
        // Feed the decoder what has "arrived" so far as a multi-segment sequence, the way a PipeReader
        // hands over a buffer made of several segments, then keep the unconsumed tail for the next call.
        var sink = new ImageBuilderSink();
        using var decoder = new StreamingDecoder(options, sink, StreamingGoal.Pixels, default);
        int arrived = 0, consumed = 0, piece = 0;
        while (!decoder.IsDone)
        {
            if (arrived < file.Length)
            {
                arrived = Math.Min(file.Length, arrived + sizes[piece++ % sizes.Count]);
            }

            bool final = arrived == file.Length;
            ReadOnlySequence<byte> buffer = Segments.Build(file, consumed, arrived, sizes);
            SequencePosition position = decoder.Feed(buffer, isFinalBlock: final);
            consumed += (int)buffer.Slice(0, position).Length;
            if (final && !decoder.IsDone)
            {
                throw new FuzzInvariantException("the streaming decoder neither finished nor failed on the final block");
            }
        }

        return sink.Build();
    }

    private static Outcome Run(Func<RsgImage> decode)
    {
        try
        {
            RsgImage image = decode();
            CheckImage(image);
            return new Outcome(image, null);
        }
        catch (RsgFormatException e)
        {
            return new Outcome(null, e);
        }
    }
}
