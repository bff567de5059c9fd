namespace RegionCodec.Fuzz;

// The decode target: whole-buffer decode and Identify, with the allocation bound.
public static partial class FuzzTargets
{
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
        DecodeResult decoded = DecodeChecked(input, Options);
        MeasureChecked(input, decoded);
        try
        {
            RsgImageInfo identified = RsgDecoder.Identify(input, Options);
            CheckMetadata(identified);
            if (decoded.Image?.Info is { } info)
            {
                // Identify reads up to the first strip, the decode the whole file: the metadata is the same.
                Require(SameBytes(identified.Metadata.IccProfile, info.Metadata.IccProfile)
                    && SameBytes(identified.Metadata.Exif, info.Metadata.Exif)
                    && SameBytes(identified.Metadata.Xmp, info.Metadata.Xmp)
                    && identified.Regions.SequenceEqual(info.Regions), "Identify and Decode report different metadata or names");
            }
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
        // payload error (R11, R12, R14). Every other rule is found before anything proportional to the
        // declared image is allocated (spec §12: "before allocating anything proportional to the image").
        bool imageSized = image is not null || error?.Error is RsgError.BadMask or RsgError.BadCoefficient or RsgError.BadAlpha;
        long bound = AllocationBound(input.Length, imageSized ? DeclaredPixels(input, options) : 0);
        Require(allocated <= bound,
            $"decode allocated {allocated} bytes, above the bound of {bound} ({(error is null ? "decoded" : error.Error.ToString())}, {input.Length} input bytes)");
        return new DecodeResult(image, error, allocated);
    }

    private static bool SameBytes(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
    /// <summary>
    /// The region-cost measurement (spec §17) walks the same payloads: it must fail exactly where the decode
    /// failed (rule and offset), and otherwise report lines that add up to the file size.
    /// </summary>
    private static void MeasureChecked(byte[] input, DecodeResult decoded)
    {
        try
        {
            RsgRegionCosts costs = RsgDecoder.MeasureRegionCosts(input, Options);
            Require(decoded.Error is null, $"measuring accepted a file the decoder rejected ({decoded.Error?.Error})");
            Require(costs.MaskBytes + costs.RegionBytes.Sum() + costs.AlphaBytes + costs.OverheadBytes == input.Length, "region costs do not add up to the file size");
        }
        catch (RsgFormatException e)
        {
            Require(decoded.Error is not null && decoded.Error.Error == e.Error && decoded.Error.Offset == e.Offset,
                $"measuring rejected with {e.Error} at {e.Offset}, the decoder with {decoded.Error?.Error.ToString() ?? "nothing"} at {decoded.Error?.Offset}");
        }
    }
}

/// <summary>What <see cref="FuzzTargets.DecodeChecked"/> saw.</summary>
public sealed record DecodeResult(RsgImage? Image, RsgFormatException? Error, long AllocatedBytes);
