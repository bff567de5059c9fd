using RegionCodec.Segmentation;

namespace RegionCodec.Tools;

/// <summary>Everything an encode needs besides the pixels: segmentation, qualities, size target.</summary>
internal sealed record EncodeSettingsResolved(
    Segmenting Segmenting,
    QualitySpec Quality,
    RsgChromaSubsampling Subsampling,
    bool Gray,
    int CellSize,
    long? TargetBytes,
    int Threads,
    RsgQuantizationTables Tables = RsgQuantizationTables.Tilted,
    bool Deblocking = true,
    double RoiWeight = RsgRateAllocator.DefaultRoiWeight,
    bool AllowLarge = false,
    bool StripMetadata = false,
    bool KeepColor = false,
    bool Lossless = false)
{
    /// <summary>
    /// The codec options every encode of a run shares; callers set the qualities and region table per encode
    /// with <c>with { ... }</c>. <paramref name="metadata"/> is kept unless --strip-metadata.
    /// </summary>
    public RsgEncoderOptions EncoderOptions(RsgImageMetadata? metadata, int threads) => new()
    {
        Subsampling = Subsampling,
        Grayscale = Gray,
        QuantizationTables = Tables,
        Deblocking = Deblocking,
        MaxDegreeOfParallelism = threads,
        AllowLargeImages = AllowLarge,
        Metadata = StripMetadata ? null : metadata,
    };
}

/// <summary>The outcome of one encode.</summary>
internal sealed record EncodeResult(
    byte[] Bytes,
    int Width,
    int Height,
    IReadOnlyList<string> RegionNames,
    IReadOnlyList<RsgRegion> Regions,
    RsgLabelMap? Labels,
    int Trials,
    string? Allocation = null)
{
    /// <summary>--target-size: even every region at quality 100 is under the target (the file cannot get larger).</summary>
    public bool AtHighestQuality { get; init; }

    /// <summary>The input was colour with R = G = B everywhere and was coded as gray.</summary>
    public bool GrayDetected { get; init; }

    /// <summary>Coded in one pass over the input's rows, the image never held in memory (<see cref="StreamedEncode"/>).</summary>
    public bool Streamed { get; init; }

    public string Describe()
    {
        if (Regions.Count == 1)
        {
            return Regions[0].Mode == RsgRegionMode.Lossless ? "lossless" : $"quality {Regions[0].Quality}";
        }

        string qualities = string.Join(", ", RegionNames.Select((n, i) => Regions[i].Mode == RsgRegionMode.Lossless ? $"{n} lossless" : $"{n} {Regions[i].Quality}"));
        return Allocation is null ? qualities : $"{qualities} ({Allocation})";
    }
}

/// <summary>Encodes packed RGB or RGBA with a segmentation and qualities, optionally searching qualities for a file size.</summary>
internal static class EncodeJob
{
    /// <summary>Encodes <paramref name="image"/>, carrying its ICC profile, EXIF and XMP unless --strip-metadata.</summary>
    public static EncodeResult Run(SourceImage image, EncodeSettingsResolved s, CancellationToken cancellationToken, string source = "-")
    {
        // Gray input (R = G = B everywhere, whether the file was grayscale or colour) is coded as gray from one channel,
        // with or without --gray: exactly the levels of the input, where converting RGB to luma in floating point could
        // move a level. Alpha stays with it. The segmenters still see the colour image.
        bool grayContent = !s.KeepColor && !image.Format.IsGray()
            && RsgGrayInput.IsGray(image.Pixels.Span, image.Width, image.Height, image.Stride, image.Format);
        EncodeResult result = Run(image, grayContent ? image.AsGray() : image, s, cancellationToken, source);
        return grayContent && !s.Gray ? result with { GrayDetected = true } : result;
    }

    /// <param name="image">The input as loaded: what the segmenters see.</param>
    /// <param name="coded">The samples the encoder codes: <paramref name="image"/>, or its gray levels for gray content.</param>
    private static EncodeResult Run(SourceImage image, SourceImage coded, EncodeSettingsResolved s, CancellationToken cancellationToken, string source)
    {
        int width = image.Width, height = image.Height;
        RsgEncoderOptions shared = s.EncoderOptions(image.Metadata, threads: Math.Max(1, s.Threads));
        if (s.Lossless)
        {
            // One lossless region over the whole image: nothing to segment, no quality to search.
            RsgRegion[] lossless = [new RsgRegion(100, RsgRegionMode.Lossless)];
            RsgLabelMap? cells = s.CellSize != 8 ? RsgLabelMap.Uniform(width, height, s.CellSize) : null;
            byte[] bytes = RsgEncoder.Encode(coded.Pixels.Span, width, height, coded.Stride, coded.Format,
                shared with { Regions = lossless }, cells, cancellationToken);
            return new EncodeResult(bytes, width, height, ["image"], lossless, cells, 1);
        }

        int target = s.Quality.Target ?? QualitySpec.DefaultQuality;
        RsgSegmentation? segmentation = s.Segmenting.Run(image, s.CellSize, target, cancellationToken, shared.MaxDegreeOfParallelism);
        if (segmentation is not null && s.Quality.PerRegion.Count == 0)
        {
            // The lossless graphics region stays only where it does not make the file larger (GraphicsRegionChoice).
            segmentation = GraphicsRegionChoice.KeepIfItPays(coded.Pixels.Span, width, height, coded.Stride, coded.Format, segmentation, target,
                shared with { Quality = target }, cancellationToken);
        }

        RsgLabelMap? labels = segmentation?.Labels;
        IReadOnlyList<string> names = segmentation?.RegionNames ?? ["image"];
        if (segmentation is null && s.CellSize != 8)
        {
            labels = RsgLabelMap.Uniform(width, height, s.CellSize);
        }

        cancellationToken.ThrowIfCancellationRequested();
        int threads = Math.Max(1, s.Threads);
        if (segmentation is not null && RsgRateAllocator.AllocatesFor(segmentation) && s.Quality.PerRegion.Count == 0)
        {
            return RateAllocationJob.Run(coded, s, segmentation, target, cancellationToken, source);
        }

        byte[] Encode(IReadOnlyList<RsgRegion> regions, int strips)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RsgEncoderOptions options = shared with
            {
                Quality = regions[0].Quality,
                Regions = labels is null ? null : regions,
                MaxDegreeOfParallelism = strips,
            };
            return RsgEncoder.Encode(coded.Pixels.Span, width, height, coded.Stride, coded.Format, options, labels, cancellationToken);
        }

        if (s.TargetBytes is not long limit)
        {
            RsgRegion[] regions = s.Quality.Regions(segmentation, names, target);
            return new EncodeResult(Encode(regions, threads), width, height, names, regions, labels, 1);
        }

        // Rate control. Candidates k = 1..K, file size non-decreasing in k (up to the quantizer's small
        // wobbles): without per-region qualities k is the target quality; with them, every given quality
        // is scaled by k/100 (clamped to 1..100). Probes run `Threads` at a time, each round splitting the
        // open interval evenly, so bisection with one thread and a k-ary search with more. The threads a round's
        // probes leave idle code strips (threads / probes each: serial when every thread runs a probe), so
        // the two levels never ask for more than `threads` cores together.
        RsgRegion[] baseRegions = s.Quality.Regions(segmentation, names, target);
        bool scaled = s.Quality.PerRegion.Count > 0;
        int maxBase = baseRegions.Max(r => r.Quality);
        int minBase = baseRegions.Min(r => r.Quality);
        int k = scaled ? (int)Math.Ceiling(100.0 * 100 / minBase) : 100;

        // Past k, one more candidate: every region at 100. The segmenter's own rule keeps its coarser classes below
        // 100 even at target 100, so without it a large target stopped well short of what the image can give.
        // (Scaled qualities already reach 100 everywhere at k.)
        int ceiling = scaled ? k : k + 1;
        RsgRegion[] Candidate(int step) => step > k
            ? baseRegions.Select(r => r with { Quality = 100 }).ToArray()
            : scaled
            ? baseRegions.Select(r => r with { Quality = Math.Clamp((int)Math.Round(r.Quality * step / 100.0, MidpointRounding.AwayFromZero), 1, 100) }).ToArray()
            : s.Quality.Regions(segmentation, names, step);

        var cache = new Dictionary<int, byte[]>();
        byte[] Probe(int step, int strips)
        {
            lock (cache)
            {
                if (cache.TryGetValue(step, out byte[]? known))
                {
                    return known;
                }
            }

            byte[] bytes = Encode(Candidate(step), strips);
            lock (cache)
            {
                cache[step] = bytes;
            }

            return bytes;
        }

        int lo = 0, hi = ceiling + 1; // Candidate(lo) fits (0 = none known), Candidate(hi) does not (ceiling + 1 = none known)
        while (hi - lo > 1)
        {
            int count = Math.Min(threads, hi - lo - 1);
            int[] points = Enumerable.Range(1, count).Select(i => lo + (int)((long)(hi - lo) * i / (count + 1))).Distinct().Where(p => p > lo && p < hi).ToArray();
            if (points.Length == 0)
            {
                points = [lo + 1];
            }

            var sizes = new long[points.Length];
            int strips = Math.Max(1, threads / points.Length);
            Parallel.For(0, points.Length, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken },
                i => sizes[i] = Probe(points[i], strips).Length);
            int newLo = lo, newHi = hi;
            for (int i = 0; i < points.Length; i++)
            {
                if (sizes[i] <= limit)
                {
                    newLo = Math.Max(newLo, points[i]);
                }
                else
                {
                    newHi = Math.Min(newHi, points[i]);
                }
            }

            if (newHi <= newLo)
            {
                newHi = newLo + 1; // non-monotone wobble: keep the largest candidate known to fit
            }

            (lo, hi) = (newLo, newHi);
        }

        if (lo == 0)
        {
            long smallest = Probe(1, threads).Length;
            throw new ToolException(ExitCodes.TargetUnreachable,
                $"{Errors.Display(source)}: --target-size {limit} bytes cannot be reached: the smallest file (every region at its lowest quality) is {smallest} bytes");
        }

        return new EncodeResult(Probe(lo, threads), width, height, names, Candidate(lo), labels, cache.Count) { AtHighestQuality = lo == ceiling };
    }
}
