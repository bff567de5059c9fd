namespace RegionCodec.Segmentation;

/// <summary>
/// Keeps a segmentation's lossless region (the compound detector's text, UI and graphics, <see cref="PerceptualSegmenter"/>)
/// only when it pays: lossless coding of those cells must not make the file larger than coding them as DCT at the target
/// quality. Lossless text is exact, so at no more bytes it is strictly better; at more bytes it is not a free choice, and on
/// screen content measured with PSNR-Y and MS-SSIM-Y it lost more than it gained at low and middle qualities (docs/benchmarks.md,
/// screen content). The test is two real encodes, run only when there is a lossless region (never on photographs).
/// </summary>
public static class GraphicsRegionChoice
{
    /// <summary>
    /// <paramref name="segmentation"/> itself when it has no lossless region or when its file at <paramref name="targetQuality"/>
    /// is no larger than the same segmentation with the lossless regions coded as DCT at the target quality; else that DCT variant.
    /// </summary>
    /// <param name="pixels">The samples the encoder will code (row r at <c>r * stride</c>).</param>
    /// <param name="width">Image width.</param>
    /// <param name="height">Image height.</param>
    /// <param name="stride">Bytes per row.</param>
    /// <param name="format">Layout of <paramref name="pixels"/>.</param>
    /// <param name="segmentation">The segmenter's result.</param>
    /// <param name="targetQuality">The target quality the choice is made at.</param>
    /// <param name="options">The encode's other settings (subsampling, tables, parallelism...); its regions are replaced.</param>
    /// <param name="cancellationToken">Checked inside the trial encodes.</param>
    public static RsgSegmentation KeepIfItPays(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format,
        RsgSegmentation segmentation, int targetQuality, RsgEncoderOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segmentation);
        ArgumentNullException.ThrowIfNull(options);
        if (!segmentation.RegionsAt(targetQuality).Any(r => r.Mode == RsgRegionMode.Lossless))
        {
            return segmentation;
        }

        RsgSegmentation asDct = WithLosslessAsDct(segmentation);
        long lossless = RsgEncoder.Encode(pixels, width, height, stride, format,
            options with { Regions = segmentation.RegionsAt(targetQuality), Metadata = null }, segmentation.Labels, cancellationToken).Length;
        long dct = RsgEncoder.Encode(pixels, width, height, stride, format,
            options with { Regions = asDct.RegionsAt(targetQuality), Metadata = null }, asDct.Labels, cancellationToken).Length;
        return lossless <= dct ? segmentation : asDct;
    }

    /// <summary>
    /// As <see cref="KeepIfItPays(ReadOnlySpan{byte}, int, int, int, RsgPixelFormat, RsgSegmentation, int, RsgEncoderOptions, CancellationToken)"/>
    /// for an image read as rows: each trial encode reads a new pass from <paramref name="openRows"/>, so the image is never held.
    /// </summary>
    public static RsgSegmentation KeepIfItPays(Func<IRsgRowSource> openRows, int width, int height, RsgPixelFormat format,
        RsgSegmentation segmentation, int targetQuality, RsgEncoderOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(openRows);
        ArgumentNullException.ThrowIfNull(segmentation);
        ArgumentNullException.ThrowIfNull(options);
        if (!segmentation.RegionsAt(targetQuality).Any(r => r.Mode == RsgRegionMode.Lossless))
        {
            return segmentation;
        }

        RsgSegmentation asDct = WithLosslessAsDct(segmentation);
        long lossless = RsgEncoder.Encode(openRows(), width, height, format,
            options with { Regions = segmentation.RegionsAt(targetQuality), Metadata = null }, segmentation.Labels, cancellationToken).Length;
        long dct = RsgEncoder.Encode(openRows(), width, height, format,
            options with { Regions = asDct.RegionsAt(targetQuality), Metadata = null }, asDct.Labels, cancellationToken).Length;
        return lossless <= dct ? segmentation : asDct;
    }

    /// <summary>The same label map and names, each lossless region coded as DCT at the target quality instead.</summary>
    public static RsgSegmentation WithLosslessAsDct(RsgSegmentation segmentation)
    {
        ArgumentNullException.ThrowIfNull(segmentation);
        IReadOnlyList<RsgRegion> Rule(int q) => segmentation.RegionsAt(q)
            .Select(r => r.Mode == RsgRegionMode.Lossless ? r with { Quality = q, Mode = RsgRegionMode.Dct } : r).ToArray();

        // The suggested table keeps each entry's quality: a lossless entry carries the target (PerceptualSegmenter).
        RsgRegion[] suggested = segmentation.Regions.Select(r => r.Mode == RsgRegionMode.Lossless ? r with { Mode = RsgRegionMode.Dct } : r).ToArray();
        return new RsgSegmentation(segmentation.Labels, segmentation.RegionNames, suggested, Rule);
    }
}
