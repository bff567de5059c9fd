namespace RegionCodec.Tools;

/// <summary>
/// The one-pass encode: a binary 8-bit PPM or PGM file coded as one region straight from the file, a wave of strips at
/// a time, so the image is never held in memory (a 64-megapixel PPM takes tens of megabytes instead of its 192 MB).
/// Only for encodes that need nothing but the rows in order: no segmentation (it looks at the whole image), no
/// --target-size (it encodes several times), no --lossless (its own path), no standard input (gray detection reads the file twice).
/// </summary>
internal static class StreamedEncode
{
    /// <summary>Whether these settings can be met in one pass over the rows.</summary>
    public static bool Applies(EncodeSettingsResolved s, string input) =>
        input != "-" && s.Segmenting.IsNone && s.TargetBytes is null && !s.Lossless;

    /// <summary>
    /// Encodes <paramref name="input"/> if it is a binary 8-bit PPM/PGM (the same bytes the in-memory path writes);
    /// null, with the stream where it was, for any other file.
    /// </summary>
    public static EncodeResult? TryRun(Stream input, EncodeSettingsResolved s, CancellationToken cancellationToken)
    {
        if (PnmRowSource.TryOpen(input) is not PnmRowSource rows)
        {
            return null;
        }

        if (!s.AllowLarge && !RsgLimits.WithinDefaults(rows.Width, rows.Height))
        {
            throw new ImageTooLargeException(rows.Width, rows.Height);
        }

        // As EncodeJob: R = G = B everywhere is coded as gray from one channel (exactly the input's levels).
        bool grayDetected = !s.KeepColor && rows.Format == RsgPixelFormat.Rgb24 && rows.IsGrayContent(cancellationToken);
        rows.AsGray = grayDetected;
        int target = s.Quality.Target ?? QualitySpec.DefaultQuality;
        IReadOnlyList<string> names = ["image"];
        RsgRegion[] regions = s.Quality.Regions(null, names, target);
        RsgLabelMap? labels = s.CellSize != 8 ? RsgLabelMap.Uniform(rows.Width, rows.Height, s.CellSize) : null;
        RsgEncoderOptions options = s.EncoderOptions(metadata: null, threads: Math.Max(1, s.Threads)) with
        {
            Quality = regions[0].Quality,
            Regions = labels is null ? null : regions,
        };
        byte[] bytes = RsgEncoder.Encode(rows, rows.Width, rows.Height, rows.Format, options, labels, cancellationToken);
        return new EncodeResult(bytes, rows.Width, rows.Height, names, regions, labels, 1) { GrayDetected = grayDetected && !s.Gray, Streamed = true };
    }
}
