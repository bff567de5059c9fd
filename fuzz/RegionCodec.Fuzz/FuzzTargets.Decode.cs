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
}

/// <summary>What <see cref="FuzzTargets.DecodeChecked"/> saw.</summary>
public sealed record DecodeResult(RsgImage? Image, RsgFormatException? Error, long AllocatedBytes);
