using System.Buffers;
using System.Buffers.Binary;
using RegionCodec.Container;
using RegionCodec.Decoding;
using RegionCodec.Entropy;
using RegionCodec.Quantization;
using RegionCodec.Coefficients;
using RegionCodec.Mask;
using RegionCodec.Reconstruction;

namespace RegionCodec.Fuzz;

/// <summary>
/// The fuzz targets. Each takes the raw input bytes and either returns normally (the input was
/// decoded, or rejected with <see cref="RsgFormatException"/>) or throws something else, which
/// afl-fuzz records as a crash: any other exception type, or a <see cref="FuzzInvariantException"/>
/// when a target checks a property (split independence, the allocation bound).
/// </summary>
public static class FuzzTargets
{
    /// <summary>
    /// Limits used while fuzzing: small enough that one execution stays well under afl-fuzz's hang
    /// timeout (a payload cut short decodes at about 0.6 µs per pixel), large enough for wide or tall
    /// strips and the small conformance files (the larger ones are rejected as R13 here).
    /// Single-threaded so results and allocation counts are deterministic.
    /// </summary>
    public static RsgDecoderOptions Options { get; } = new()
    {
        MaxWidth = 1 << 16,
        MaxHeight = 1 << 16,
        MaxPixels = 1 << 20,
        MaxDegreeOfParallelism = 1,
    };

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

    /// <summary>Target names, in the order the usage text lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["decode", "split", "container", "mask", "coefficients", "imagesharp"];

    public static Action<byte[]> Get(string name) => name switch
    {
        "decode" => Decode,
        "split" => Split,
        "container" => Container,
        "mask" => Mask,
        "coefficients" => Coefficients,
        "imagesharp" => ImageSharp,
        _ => throw new ArgumentException($"unknown target '{name}'; targets: {string.Join(", ", Names)}"),
    };

    /// <summary>ImageSharp's <c>Image.Load</c> / <c>Identify</c> through the Codec.ImageSharp plugin.</summary>
    public static void ImageSharp(byte[] input) => ImageSharpTarget.Load(input);

    /// <summary>Whole-buffer decode (<see cref="RsgDecoder.Decode(ReadOnlyMemory{byte}, RsgDecoderOptions?, CancellationToken)"/>), plus Identify.</summary>
    public static void Decode(byte[] input)
    {
        DecodeOnce(input);
        if (CrcRepair.Repair(input) is byte[] repaired)
        {
            DecodeOnce(repaired);
        }
    }

    private static void DecodeOnce(byte[] input)
    {
        DecodeChecked(input, Options);
        try
        {
            RsgDecoder.Identify(input, Options);
        }
        catch (RsgFormatException)
        {
        }
    }

    /// <summary>
    /// Decodes <paramref name="input"/> whole on the calling thread (<paramref name="options"/> should
    /// say MaxDegreeOfParallelism = 1 so every allocation is counted) and checks the outcome: an image
    /// consistent with its header, or <see cref="RsgFormatException"/>, within <see cref="AllocationBound"/>.
    /// </summary>
    public static DecodeResult DecodeChecked(byte[] input, RsgDecoderOptions options)
    {
        RsgImage? image = null;
        RsgFormatException? error = null;
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            image = RsgDecoder.Decode(input, options);
        }
        catch (RsgFormatException e)
        {
            error = e;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (image is not null)
        {
            CheckImage(image);
        }

        // Only a file whose whole container is valid gets image-sized buffers: success, or a strip
        // payload error (R11, R12). Every other rule is found before anything proportional to the
        // declared image is allocated (spec §12: "before allocating anything proportional to the image").
        bool imageSized = image is not null || error?.Error is RsgError.BadMask or RsgError.BadCoefficient;
        long bound = AllocationBound(input.Length, imageSized ? DeclaredPixels(input, options) : 0);
        Require(allocated <= bound,
            $"decode allocated {allocated} bytes, above the bound of {bound} ({(error is null ? "decoded" : error.Error.ToString())}, {input.Length} input bytes)");
        return new DecodeResult(image, error, allocated);
    }

    /// <summary>
    /// The allocation bound of one decode: 4 MiB for contexts, tables, pools and the pump buffer, 16
    /// bytes per input byte (the streaming decoder may gather a chunk), and 40 bytes per pixel of the
    /// image padded to whole 16x16 MCUs: the output (1 or 3 bytes), the label map (at most 1), one
    /// strip's three sample planes and 16-bit levels (9 bytes per pixel at most) and the per-block
    /// state, with pooled buffers rounded up to a power of two (x2).
    /// </summary>
    public static long AllocationBound(int inputLength, long paddedPixels) =>
        (4L << 20) + (16L * inputLength) + (40L * paddedPixels);

    /// <summary>
    /// Pixels (padded to whole 16x16 MCUs) of a well-formed RHDR at the start of the file that the
    /// limits accept; else 0.
    /// </summary>
    public static long DeclaredPixels(ReadOnlySpan<byte> input, RsgDecoderOptions options)
    {
        if (input.Length < 8 + 8 + 17 || BinaryPrimitives.ReadUInt32BigEndian(input[8..]) != 17)
        {
            return 0;
        }

        long width = BinaryPrimitives.ReadUInt32BigEndian(input[17..]);
        long height = BinaryPrimitives.ReadUInt32BigEndian(input[21..]);
        return width <= options.MaxWidth && height <= options.MaxHeight && width * height <= options.MaxPixels
            ? (width + 15) / 16 * 16 * ((height + 15) / 16 * 16)
            : 0;
    }

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

    /// <summary>The container layer alone: signature, chunk framing, CRCs, chunk order, RHDR and RTAB.</summary>
    public static void Container(byte[] input)
    {
        ContainerOnce(input);
        if (CrcRepair.Repair(input) is byte[] repaired)
        {
            ContainerOnce(repaired);
        }
    }

    private static void ContainerOnce(byte[] input)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            ContainerIndex index = ContainerIndex.Read(input, Options);
            FrameHeader h = index.Header;
            Require(index.Strips.Length == h.StripCount, "strip table size differs from the header's strip count");
            long end = 8;
            foreach (StripChunk strip in index.Strips)
            {
                long start = strip.PayloadOffset;
                int length = strip.PayloadLength;
                Require(start >= end && length >= 0 && start + length <= input.Length, "strip payload outside the file or overlapping");
                end = start + length;
            }
        }
        catch (RsgFormatException)
        {
        }

        // The container layer allocates nothing proportional to the declared image.
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Require(allocated <= (4L * input.Length) + (1 << 20), $"container parse allocated {allocated} bytes for {input.Length} input bytes");
    }

    /// <summary>
    /// The mask row decoder (spec §6.2). Input: byte 0 = mask width - 1 (1..256), byte 1 = region
    /// count - 1, byte 2 = row count - 1 (1..64); the rest is the range-coded payload.
    /// </summary>
    public static void Mask(byte[] input)
    {
        if (input.Length < 3)
        {
            return;
        }

        int width = input[0] + 1, regionCount = input[1] + 1, rows = (input[2] & 63) + 1;
        var decoder = new RangeDecoder(input.AsSpan(3));
        var contexts = new MaskContexts();
        byte[] mask = new byte[width * rows];
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<byte> above = row == 0 ? default : mask.AsSpan((row - 1) * width, width);
            if (!MaskRowCoder.CodeRow(ref decoder, contexts, above, mask.AsSpan(row * width, width), regionCount))
            {
                return; // rejected as R11
            }

            foreach (byte label in mask.AsSpan(row * width, width))
            {
                Require(label < regionCount, $"mask row {row} holds label {label}, not below {regionCount}");
            }
        }
    }

    /// <summary>
    /// The coefficient decoder (spec §8) with dequantization and the IDCT. Input: byte 0 = blocks wide
    /// - 1 (low 4 bits) and chroma (bit 4) and DC-only (bit 5); byte 1 = blocks high - 1 (low 3 bits);
    /// byte 2 = quality (1..100); the rest is the range-coded payload.
    /// </summary>
    public static void Coefficients(byte[] input)
    {
        if (input.Length < 3)
        {
            return;
        }

        int wide = (input[0] & 15) + 1, high = (input[1] & 7) + 1, quality = (input[2] % 100) + 1;
        bool chroma = (input[0] & 16) != 0, dcOnly = (input[0] & 32) != 0;
        var quantizers = new RegionQuantizers([new RsgRegion(quality)], RsgQuantizationTables.JpegAnnexK);
        ReadOnlySpan<ushort> quant = quantizers.Table(0, chroma);
        var contexts = new CoefficientContexts();
        using var plane = new PlaneState(chroma);
        plane.Prepare(wide, high, 8);
        var decoder = new RangeDecoder(input.AsSpan(3));
        Span<short> coefficients = stackalloc short[64];
        Span<byte> pixels = stackalloc byte[64];
        for (int by = 0; by < high; by++)
        {
            for (int bx = 0; bx < wide; bx++)
            {
                if (!BlockCoder.CodeBlock(ref decoder, contexts, plane, bx, by, quant, dcOnly))
                {
                    return; // rejected as R12
                }

                int index = (by * wide) + bx;
                Require(plane.NonZero[index] <= 63, $"block ({bx}, {by}) has {plane.NonZero[index]} non-zero AC levels");
                ReadOnlySpan<short> levels = plane.Levels.AsSpan(index * 64, 64);
                Require(levels[0] is >= -BlockCoder.MaxLevel and <= BlockCoder.MaxLevel, "DC level out of range was accepted");
                Dequantizer.Dequantize(levels, quant, coefficients);
                InverseDct.Transform(coefficients, pixels, 8);
            }
        }
    }

    /// <summary>A decoded image must be consistent with its header.</summary>
    internal static void CheckImage(RsgImage image)
    {
        Require(image.Width >= 1 && image.Height >= 1, "image with an empty dimension");
        Require(image.Pixels.Length == (long)image.Stride * image.Height, "pixel buffer size differs from stride x height");
        RsgLabelMap labels = image.Labels;
        int regions = image.Info.Regions.Count;
        Require(labels.Width == (image.Width + image.Info.MaskCellSize - 1) / image.Info.MaskCellSize, "label map width");
        Require(labels.Height == (image.Height + image.Info.MaskCellSize - 1) / image.Info.MaskCellSize, "label map height");
        Require(labels.Labels.AsSpan().IndexOfAnyInRange((byte)regions, (byte)255) < 0, "label not below the region count");
    }

    internal static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new FuzzInvariantException(message);
        }
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

/// <summary>What <see cref="FuzzTargets.DecodeChecked"/> saw.</summary>
public sealed record DecodeResult(RsgImage? Image, RsgFormatException? Error, long AllocatedBytes);

/// <summary>A property a fuzz target checks did not hold; afl-fuzz records it as a crash.</summary>
public sealed class FuzzInvariantException(string message) : Exception(message);

/// <summary>The result of one decode path.</summary>
internal sealed record Outcome(RsgImage? Image, RsgFormatException? Error)
{
    public static void RequireSame(string nameA, Outcome a, string nameB, Outcome b, bool compareErrors)
    {
        if (a.Image is not null && b.Image is not null)
        {
            FuzzTargets.Require(a.Image.Width == b.Image.Width && a.Image.Height == b.Image.Height && a.Image.PixelFormat == b.Image.PixelFormat,
                $"{nameA} and {nameB} decode different geometries");
            FuzzTargets.Require(a.Image.Pixels.AsSpan().SequenceEqual(b.Image.Pixels), $"{nameA} and {nameB} decode different pixels");
            FuzzTargets.Require(a.Image.Labels.Labels.AsSpan().SequenceEqual(b.Image.Labels.Labels), $"{nameA} and {nameB} decode different labels");
            return;
        }

        if (a.Error is not null && b.Error is not null)
        {
            if (compareErrors)
            {
                FuzzTargets.Require(a.Error.Error == b.Error.Error && a.Error.Offset == b.Error.Offset,
                    $"{nameA} fails with {a.Error.Error} at {a.Error.Offset}, {nameB} with {b.Error.Error} at {b.Error.Offset}");
            }

            return;
        }

        throw new FuzzInvariantException($"{nameA} {(a.Error is null ? "decodes" : $"fails ({a.Error.Message})")} but {nameB} {(b.Error is null ? "decodes" : $"fails ({b.Error.Message})")}");
    }
}

/// <summary>
/// How the split target cuts its input. Byte 0: n = (byte 0 &amp; 7) + 1 piece sizes follow, each a byte
/// giving a piece of (byte + 1) bytes, used in turn (cycled); the file is the rest of the input.
/// </summary>
public sealed class SplitPlan
{
    private SplitPlan(int[] sizes, byte[] file)
    {
        Sizes = sizes;
        File = file;
    }

    public IReadOnlyList<int> Sizes { get; }

    public byte[] File { get; }

    public static SplitPlan Parse(byte[] input)
    {
        if (input.Length == 0)
        {
            return new SplitPlan([1], []);
        }

        int count = Math.Min((input[0] & 7) + 1, input.Length - 1);
        int[] sizes = count <= 0 ? [1] : input.AsSpan(1, count).ToArray().Select(b => b + 1).ToArray();
        return new SplitPlan(sizes, input.AsSpan(1 + Math.Max(count, 0)).ToArray());
    }

    /// <summary>The inverse of <see cref="Parse"/>: a split-target input for a file and piece sizes (1..256).</summary>
    public static byte[] Compose(ReadOnlySpan<byte> file, ReadOnlySpan<int> sizes)
    {
        if (sizes.Length is < 1 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(sizes));
        }

        byte[] input = new byte[1 + sizes.Length + file.Length];
        input[0] = (byte)(sizes.Length - 1);
        for (int i = 0; i < sizes.Length; i++)
        {
            input[1 + i] = (byte)(Math.Clamp(sizes[i], 1, 256) - 1);
        }

        file.CopyTo(input.AsSpan(1 + sizes.Length));
        return input;
    }
}

/// <summary>A read-only stream that returns at most the planned number of bytes per Read.</summary>
internal sealed class PiecewiseStream(byte[] data, IReadOnlyList<int> sizes) : Stream
{
    private int _position;
    private int _piece;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(Math.Min(count, sizes[_piece++ % sizes.Count]), data.Length - _position);
        data.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Builds a multi-segment <see cref="ReadOnlySequence{T}"/> over a byte range, cut at planned sizes.</summary>
internal sealed class Segments : ReadOnlySequenceSegment<byte>
{
    private Segments(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Build(byte[] data, int start, int end, IReadOnlyList<int> sizes)
    {
        if (start >= end)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        Segments first = new(data.AsMemory(start, Math.Min(sizes[0], end - start)), 0), last = first;
        int position = start + first.Memory.Length, piece = 1;
        while (position < end)
        {
            int n = Math.Min(sizes[piece++ % sizes.Count], end - position);
            var next = new Segments(data.AsMemory(position, n), last.RunningIndex + last.Memory.Length);
            last.Next = next;
            last = next;
            position += n;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
