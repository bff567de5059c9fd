using System.Buffers.Binary;

namespace RegionCodec.Fuzz;

/// <summary>
/// The fuzz targets. Each takes the raw input bytes and either returns normally (the input was
/// decoded, or rejected with <see cref="RsgFormatException"/>) or throws something else, which
/// afl-fuzz records as a crash: any other exception type, or a <see cref="FuzzInvariantException"/>
/// when a target checks a property (split independence, the allocation bound).
/// </summary>
public static partial class FuzzTargets
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

    /// <summary>Target names, in the order the usage text lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["decode", "split", "container", "mask", "coefficients", "alpha", "lossless", "imagesharp"];

    public static Action<byte[]> Get(string name) => name switch
    {
        "decode" => Decode,
        "split" => Split,
        "container" => Container,
        "mask" => Mask,
        "coefficients" => Coefficients,
        "alpha" => Alpha,
        "lossless" => Lossless,
        "imagesharp" => ImageSharp,
        _ => throw new ArgumentException($"unknown target '{name}'; targets: {string.Join(", ", Names)}"),
    };

    /// <summary>ImageSharp's <c>Image.Load</c> / <c>Identify</c> through the Codec.ImageSharp plugin.</summary>
    public static void ImageSharp(byte[] input) => ImageSharpTarget.Load(input);

    /// <summary>
    /// The allocation bound of one decode: 4 MiB for contexts, tables, pools and the pump buffer, 8 MiB for the lossless
    /// match tables (4 MiB each, spec §9.5; one per decoding thread, two threads), 16
    /// bytes per input byte (the streaming decoder may gather a chunk), and 52 bytes per pixel of the
    /// image padded to whole 16x16 MCUs: the output (1 to 4 bytes), the label map (at most 1), one strip's alpha plane (1),
    /// one strip's lossless plane with its kinds and error sizes (6 bytes; spec §9.5, x2 pooled), one
    /// strip's three sample planes and 16-bit levels (9 bytes per pixel at most) and the per-block
    /// state, with pooled buffers rounded up to a power of two (x2).
    /// </summary>
    public static long AllocationBound(int inputLength, long paddedPixels) =>
        (12L << 20) + (16L * inputLength) + (52L * paddedPixels);

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
        CheckMetadata(image.Info);
    }

    /// <summary>
    /// What the metadata parsers (spec §3.3, §4.8–§4.11) report must be what they keep: only well-formed items, names
    /// an encoder could write back, and the same on the streaming path (identify stops at the first strip).
    /// </summary>
    internal static void CheckMetadata(RsgImageInfo info)
    {
        RsgImageMetadata m = info.Metadata;
        Require(m.IccProfile is null || RsgImageMetadata.IsValidIccProfile(m.IccProfile), "kept an ICC profile the spec calls malformed");
        Require(m.Exif is null || RsgImageMetadata.IsValidExif(m.Exif), "kept EXIF the spec calls malformed");
        Require(m.Xmp is null || RsgImageMetadata.IsValidXmp(m.Xmp), "kept XMP the spec calls malformed");
        _ = m.Exif is null ? null : RsgImageMetadata.ExifOrientation(m.Exif); // bounds-checked on any TIFF stream
        foreach (RsgRegion region in info.Regions)
        {
            Require(region.Name is null || (region.Name.Length > 0 && RsgRegion.IsStorableName(region.Name)), "a region name rNAM could not store");
        }
    }

    internal static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new FuzzInvariantException(message);
        }
    }
}

/// <summary>A property a fuzz target checks did not hold; afl-fuzz records it as a crash.</summary>
public sealed class FuzzInvariantException(string message) : Exception(message);
