using System.Globalization;

namespace RegionCodec.Segmentation;

/// <summary>
/// Rate allocation between the regions of a label map. Minimising the sum over regions of
/// weight x area x MSE at a fixed total rate gives, in high-rate theory, a quantizer step proportional to
/// 1 / sqrt(weight) in each region. So every region gets the quality whose IJG scale (the factor the
/// quality applies to the base tables) is nearest, in log, to <c>globalScale / sqrt(weight)</c>, and the
/// one free parameter, globalScale, is bisected on its log for the largest file not above the target.
/// </summary>
/// <remarks>
/// Labels are in priority order (label 0 = background, highest = most important). The result's most
/// important used region is never worse in luma error than in the one-region file the target refers to:
/// when the search cannot achieve that (for example the label map's own bytes leave nothing to move at
/// quality 1) the one-region file is returned. Deterministic: the same inputs make the same trial encodes.
/// </remarks>
public static class RsgRateAllocator
{
    /// <summary>
    /// Default weight of the most important region relative to the background (label 0 weight 1): a
    /// quantizer step ratio of sqrt(16) = 4 between them. On the portrait benchmark (docs/segmentation.md)
    /// it keeps most of the ROI gain of larger weights while the background stays as efficient as
    /// libjpeg-turbo's whole-file coding; 32 and 64 add under a point in the ROI and cost 20-27 outside it.
    /// </summary>
    public const double DefaultRoiWeight = 16;

    /// <summary>Bisection stops when the log of the scale is known to this precision (well under one quality step).</summary>
    private const double LogScalePrecision = 1e-3;

    /// <summary>Outward steps (in log scale) that bracket the answer from the high-rate guess.</summary>
    private const double BracketStep = 0.4;

    /// <summary>ln of the IJG scale of each quality 1..100 (index = quality); quality 100's scale 0 counts as 1, the step floor.</summary>
    /// <summary>
    /// Whether a segmentation's regions should get their qualities from this allocator: true when its regions
    /// only rank what matters (masks, OpenCV methods); false when the segmenter chose the qualities itself
    /// (<see cref="RsgSegmentation.HasOwnQualities"/>: perceptual, auto, activity).
    /// </summary>
    public static bool AllocatesFor(RsgSegmentation segmentation)
    {
        ArgumentNullException.ThrowIfNull(segmentation);
        return !segmentation.HasOwnQualities;
    }

    /// <summary>Weights for <paramref name="regionCount"/> regions in priority order: label l gets roiWeight^(l / (n - 1)), so 1 for the background and <paramref name="roiWeight"/> for the highest label.</summary>
    public static double[] DefaultWeights(int regionCount, double roiWeight = DefaultRoiWeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(regionCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(regionCount, RsgConstants.MaxRegions);
        ValidateWeight(roiWeight, nameof(roiWeight));
        return regionCount == 1 ? [1.0] : Enumerable.Range(0, regionCount).Select(l => Math.Pow(roiWeight, (double)l / (regionCount - 1))).ToArray();
    }

    /// <summary>
    /// Chooses each label's quality from its weight and encodes. <paramref name="encoderOptions"/> supplies
    /// everything but the qualities (subsampling, gray, tables, deblocking, strips, parallelism, metadata); its
    /// <see cref="RsgEncoderOptions.Quality"/> is ignored and of its <see cref="RsgEncoderOptions.Regions"/> only the
    /// names are used (when it has one entry per weight), so the allocated file names its regions. Every trial
    /// carries the <see cref="RsgEncoderOptions.Metadata"/>, so a byte target counts it.
    /// </summary>
    /// <param name="weights">Importance per label (positive), at least one per label the map uses; see <see cref="DefaultWeights"/>.</param>
    public static RsgRateAllocation Allocate(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format,
        RsgLabelMap labels, IReadOnlyList<double> weights, RsgEncoderOptions encoderOptions, RsgRateTarget target,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(encoderOptions);
        if (target.OneRegionQuality is null && target.Bytes is null)
        {
            throw new ArgumentException("Use RsgRateTarget.SizeOfOneRegionAt or RsgRateTarget.Budget.", nameof(target));
        }

        long[] area = CellsPerLabel(labels);
        int used = area.Count(a => a > 0);
        int highestUsed = Array.FindLastIndex(area, a => a > 0);
        if (weights.Count <= highestUsed || weights.Count > RsgConstants.MaxRegions)
        {
            throw new ArgumentException($"Need one weight per label (the map uses labels up to {highestUsed}, at most {RsgConstants.MaxRegions}); got {weights.Count}.", nameof(weights));
        }

        for (int l = 0; l < weights.Count; l++)
        {
            ValidateWeight(weights[l], nameof(weights));
        }

        var trials = new TrialEncoder(pixels, width, height, stride, format, labels, encoderOptions, cancellationToken);
        (int referenceQuality, byte[]? reference, long targetBytes) = OneRegionReference(ref trials, target);
        if (used <= 1)
        {
            // One region: nothing to allocate; the plain file at the reference quality is the answer.
            return OneRegionResult(weights.Count, referenceQuality, reference ?? trials.EncodeOneRegion(1), targetBytes, trials.Count);
        }

        // The high-rate guess: the same area-weighted mean log step as one region at the reference quality.
        double totalArea = area.Sum();
        double meanLogSqrtWeight = 0;
        for (int l = 0; l < area.Length; l++)
        {
            meanLogSqrtWeight += area[l] / totalArea * 0.5 * Math.Log(weights[l]);
        }

        double minLogSqrtWeight = Enumerable.Range(0, weights.Count).Min(l => 0.5 * Math.Log(weights[l]));
        double maxLogSqrtWeight = Enumerable.Range(0, weights.Count).Max(l => 0.5 * Math.Log(weights[l]));
        double logAllBest = minLogSqrtWeight - 1;                         // every region at quality 100
        double logAllWorst = Math.Log(RsgQualities.Scale(1)) + maxLogSqrtWeight + 1; // every region at quality 1

        RsgRegion[] Candidate(double logScale) =>
            Enumerable.Range(0, weights.Count).Select(l => new RsgRegion(RsgQualities.ForScale(Math.Exp(logScale - (0.5 * Math.Log(weights[l])))))).ToArray();

        // Bracket [logFit, logOver]: the file at logFit fits, at logOver it does not (file size falls as the scale grows).
        double guess = Math.Clamp(Math.Log(Math.Max(1, RsgQualities.Scale(referenceQuality))) + meanLogSqrtWeight, logAllBest, logAllWorst);
        double logFit = double.NaN, logOver = double.NaN;
        if (trials.Encode(Candidate(guess)).Length <= targetBytes)
        {
            logFit = guess;
            for (double s = guess - BracketStep; double.IsNaN(logOver); s -= BracketStep)
            {
                s = Math.Max(s, logAllBest);
                if (trials.Encode(Candidate(s)).Length > targetBytes)
                {
                    logOver = s;
                }
                else
                {
                    logFit = s;
                    if (s <= logAllBest)
                    {
                        break; // every region at 100 fits
                    }
                }
            }
        }
        else
        {
            logOver = guess;
            for (double s = guess + BracketStep; double.IsNaN(logFit); s += BracketStep)
            {
                s = Math.Min(s, logAllWorst);
                if (trials.Encode(Candidate(s)).Length <= targetBytes)
                {
                    logFit = s;
                }
                else
                {
                    logOver = s;
                    if (s >= logAllWorst)
                    {
                        break; // even every region at 1 is too large
                    }
                }
            }
        }

        if (!double.IsNaN(logFit) && !double.IsNaN(logOver))
        {
            while (logFit - logOver > LogScalePrecision)
            {
                double mid = 0.5 * (logFit + logOver);
                if (trials.Encode(Candidate(mid)).Length <= targetBytes)
                {
                    logFit = mid;
                }
                else
                {
                    logOver = mid;
                }
            }
        }

        if (double.IsNaN(logFit))
        {
            return OneRegionResult(weights.Count, referenceQuality, reference ?? trials.EncodeOneRegion(1), targetBytes, trials.Count);
        }

        RsgRegion[] regions = Candidate(logFit);
        byte[] allocated = FillTowardTarget(ref trials, regions, highestUsed, area, targetBytes);
        if (reference is not null && trials.RegionError(allocated, highestUsed) > trials.RegionError(reference, highestUsed))
        {
            // The favoured region lost against the plain file: that file is the best feasible answer.
            return OneRegionResult(weights.Count, referenceQuality, reference, targetBytes, trials.Count);
        }

        return new RsgRateAllocation(trials.Named(regions), allocated, targetBytes, true, false, Math.Exp(logFit), trials.Count);
    }

    /// <summary>
    /// The one-region file the target refers to: at the target's quality, or for a budget the largest
    /// quality whose file fits (null when not even quality 1 fits; the quality is then 1).
    /// </summary>
    private static (int Quality, byte[]? Bytes, long TargetBytes) OneRegionReference(ref TrialEncoder trials, RsgRateTarget target)
    {
        if (target.OneRegionQuality is int q)
        {
            byte[] bytes = trials.EncodeOneRegion(q);
            return (q, bytes, bytes.Length);
        }

        long budget = target.Bytes!.Value;
        int lo = 0, hi = 101; // quality lo fits (0 = none known), hi does not (101 = none known)
        byte[]? best = null;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) / 2;
            byte[] bytes = trials.EncodeOneRegion(mid);
            if (bytes.Length <= budget)
            {
                (lo, best) = (mid, bytes);
            }
            else
            {
                hi = mid;
            }
        }

        return (Math.Max(lo, 1), best, budget);
    }

    /// <summary>
    /// Integer qualities leave part of the target unused (one quality step is several percent of the file at
    /// low qualities). Spend it most-important region first: raise a region's quality one step at a time
    /// while the file still fits. Changes <paramref name="regions"/> in place; returns its file.
    /// </summary>
    private static byte[] FillTowardTarget(ref TrialEncoder trials, RsgRegion[] regions, int highestUsed, long[] area, long targetBytes)
    {
        byte[] best = trials.Encode(regions);
        for (int l = highestUsed; l >= 0; l--)
        {
            while (area[l] > 0 && regions[l].Quality < 100)
            {
                RsgRegion[] raised = (RsgRegion[])regions.Clone();
                raised[l] = new RsgRegion(regions[l].Quality + 1);
                byte[] bytes = trials.Encode(raised);
                if (bytes.Length > targetBytes)
                {
                    break;
                }

                (regions[l], best) = (raised[l], bytes);
            }
        }

        return best;
    }

    private static RsgRateAllocation OneRegionResult(int regionCount, int quality, byte[] bytes, long targetBytes, int trialEncodes) =>
        new(Enumerable.Repeat(new RsgRegion(quality), regionCount).ToArray(), bytes, targetBytes, bytes.Length <= targetBytes, true, double.NaN, trialEncodes);

    private static long[] CellsPerLabel(RsgLabelMap labels)
    {
        var area = new long[256];
        foreach (byte l in labels.Labels)
        {
            area[l]++;
        }

        int last = Array.FindLastIndex(area, a => a > 0);
        return area.AsSpan(0, last + 1).ToArray();
    }

    private static void ValidateWeight(double weight, string paramName)
    {
        if (!double.IsFinite(weight) || weight <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, weight, "Weights must be positive finite numbers.");
        }
    }

    /// <summary>Encodes candidate region tables, each distinct one once, and measures the favoured region's error.</summary>
    private ref struct TrialEncoder
    {
        private readonly ReadOnlySpan<byte> _pixels;
        private readonly int _width, _height, _stride;
        private readonly RsgPixelFormat _format;
        private readonly RsgLabelMap _labels;
        private readonly RsgEncoderOptions _options;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<string, byte[]> _cache = new(StringComparer.Ordinal);

        public TrialEncoder(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format,
            RsgLabelMap labels, RsgEncoderOptions options, CancellationToken cancellationToken)
        {
            _pixels = pixels;
            (_width, _height, _stride, _format) = (width, height, stride, format);
            _labels = labels;
            _options = options;
            _cancellationToken = cancellationToken;
        }

        public readonly int Count => _cache.Count;

        public readonly byte[] Encode(RsgRegion[] regions) =>
            Cached(string.Join(',', regions.Select(r => r.Quality.ToString(CultureInfo.InvariantCulture))), regions, _labels);

        /// <summary>The plain file: one region, no label map stored.</summary>
        public readonly byte[] EncodeOneRegion(int quality) =>
            Cached("one:" + quality.ToString(CultureInfo.InvariantCulture), [new RsgRegion(quality)], null);

        public readonly double RegionError(byte[] file, int label)
        {
            RsgImage decoded = RsgDecoder.Decode(file, new RsgDecoderOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism }, _cancellationToken);
            return RsgRegionLumaError.SumSquared(_pixels, _width, _height, _stride, _format, decoded, _labels, label);
        }

        /// <summary>The caller's region names (from its options' region table) put on <paramref name="regions"/>.</summary>
        public readonly RsgRegion[] Named(RsgRegion[] regions)
        {
            if (_options.Regions is not { } named || named.Count != regions.Length)
            {
                return regions;
            }

            return [.. regions.Select((r, i) => r with { Name = named[i].Name })];
        }

        private readonly byte[] Cached(string key, RsgRegion[] regions, RsgLabelMap? labels)
        {
            if (_cache.TryGetValue(key, out byte[]? known))
            {
                return known;
            }

            _cancellationToken.ThrowIfCancellationRequested();
            RsgEncoderOptions options = _options with { Quality = regions[0].Quality, Regions = labels is null ? null : Named(regions) };
            byte[] bytes = RsgEncoder.Encode(_pixels, _width, _height, _stride, _format, options, labels, _cancellationToken);
            _cache[key] = bytes;
            return bytes;
        }
    }
}
