using RegionCodec.Segmentation;

namespace RegionCodec.Tools;

/// <summary>
/// The streamed encode: a binary 8-bit PPM or PGM file coded straight from the file, a wave of strips at a time, so the
/// image is never held in memory (a 64-megapixel PPM takes tens of megabytes instead of its 192 MB). The default
/// perceptual segmentation is measured in passes over the file first (<see cref="PerceptualSegmenter.SegmentRows"/>),
/// and a graphics region's lossless-or-DCT choice is made with two trial encodes from the file. Not for other
/// segmenters and masks (they look at the whole image), --target-size (it encodes several times), --lossless (its own
/// path) or standard input (the file is read more than once).
/// </summary>
internal static class StreamedEncode
{
    /// <summary>Whether these settings can be met in one pass over the rows.</summary>
    public static bool Applies(EncodeSettingsResolved s, string input) =>
        input != "-" && (s.Segmenting.IsNone || s.Segmenting.MeasuresRows) && s.TargetBytes is null && !s.Lossless;

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
        int target = s.Quality.Target ?? QualitySpec.DefaultQuality;
        int threads = Math.Max(1, s.Threads);
        RsgEncoderOptions shared = s.EncoderOptions(metadata: null, threads);
        RsgSegmentation? segmentation = null;
        if (!s.Segmenting.IsNone)
        {
            // The segmenter sees the pixels as the file has them (as EncodeJob's segmenters see the loaded image), the
            // encoder the samples it codes (gray levels for gray content).
            segmentation = s.Segmenting.RunRows(() => rows.Rewind(asGray: false), rows.Width, rows.Height, rows.FileFormat, s.CellSize, target, cancellationToken, threads);
            if (s.Quality.PerRegion.Count == 0)
            {
                // The lossless graphics region stays only where it does not make the file larger (GraphicsRegionChoice).
                segmentation = GraphicsRegionChoice.KeepIfItPays(() => rows.Rewind(grayDetected), rows.Width, rows.Height, grayDetected ? RsgPixelFormat.Gray8 : rows.FileFormat,
                    segmentation, target, shared with { Quality = target }, cancellationToken);
            }
        }

        rows.Rewind(grayDetected);
        IReadOnlyList<string> names = segmentation?.RegionNames ?? ["image"];
        RsgRegion[] regions = s.Quality.Regions(segmentation, names, target);
        RsgLabelMap? labels = segmentation?.Labels ?? (s.CellSize != 8 ? RsgLabelMap.Uniform(rows.Width, rows.Height, s.CellSize) : null);
        RsgEncoderOptions options = shared with
        {
            Quality = regions[0].Quality,
            Regions = labels is null ? null : regions,
        };
        byte[] bytes = RsgEncoder.Encode(rows, rows.Width, rows.Height, rows.Format, options, labels, cancellationToken);
        return new EncodeResult(bytes, rows.Width, rows.Height, names, regions, labels, 1) { GrayDetected = grayDetected && !s.Gray, Streamed = true };
    }
}
