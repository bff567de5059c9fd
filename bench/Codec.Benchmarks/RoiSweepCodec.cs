using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using RegionCodec.Segmentation;
using RegionCodec.Segmentation.OpenCv;

namespace RegionCodec.Benchmarks;

/// <summary>
/// The sweep's region-coded .rsg: <c>rsg-roi</c> (default ROI weight) and <c>rsg-roi-wW</c> (weight W, e.g.
/// rsg-roi-w16). Each image's <c>--masks DIR/NAME.png</c> becomes a two-region label map exactly as
/// <c>rsgconv encode --mask</c> makes it (UserMaskSegmenter, cell 8), and <see cref="RsgRateAllocator"/>
/// picks the qualities so the file is at most the one-region file at the sweep's quality.
/// </summary>
internal static partial class RoiSweepCodec
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly ConcurrentDictionary<string, RsgSegmentation> Segmentations = new(StringComparer.Ordinal);

    /// <summary>Per (image, codec, setting): the chosen qualities, label 0 first, or "one region" for a fallback (for the report).</summary>
    public static ConcurrentDictionary<(string Image, string Codec, string Setting), string> Choices { get; } = new();

    /// <summary>The ROI codecs named in <paramref name="only"/> (rsg-roi, rsg-roi-wW); none when no list is given.</summary>
    public static IEnumerable<RdCodec> Create(IReadOnlySet<string>? only)
    {
        foreach (string id in (only ?? new HashSet<string>()).Order(StringComparer.Ordinal))
        {
            double? weight = id == "rsg-roi" ? RsgRateAllocator.DefaultRoiWeight
                : WeightId().Match(id) is { Success: true } m ? double.Parse(m.Groups[1].Value, Inv) : null;
            if (weight is double w)
            {
                yield return new RdCodec(id, id == "rsg-roi" ? ".rsg ROI" : $".rsg ROI w={w.ToString(Inv)}",
                    $"rsgconv encode --mask NAME.png -q q --roi-weight {w.ToString(Inv)} (RsgRateAllocator: size <= one region at q; label map cell 8)",
                    ["5", "15", "25", "40", "55", "70", "85", "95"], (img, q) => Run(img, q, id, w));
            }
        }
    }

    private static (long, byte[]) Run(SweepImage img, string setting, string id, double weight)
    {
        string mask = img.MaskFile ?? throw new InvalidOperationException($"{id} needs --masks DIR with {img.Name}.png");
        RgbImage s = img.Source;
        RsgSegmentation segmentation = Segmentations.GetOrAdd(img.WorkDir, _ =>
        {
            var segmenter = UserMaskSegmenter.FromFile(mask);
            return segmenter.Segment(s.Pixels, s.Width, s.Height, s.Stride, RsgPixelFormat.Rgb24, new RsgSegmenterOptions { CellSize = 8 });
        });
        int quality = int.Parse(setting, Inv);
        RsgRateAllocation allocation = RsgRateAllocator.Allocate(s.Pixels, s.Width, s.Height, s.Stride, RsgPixelFormat.Rgb24,
            segmentation.Labels, RsgRateAllocator.DefaultWeights(segmentation.Regions.Count, weight),
            new RsgEncoderOptions { MaxDegreeOfParallelism = 1 }, RsgRateTarget.SizeOfOneRegionAt(quality));
        Choices[(img.Name, id, setting)] = allocation.OneRegion ? $"one region {quality}" : string.Join('/', allocation.Regions.Select(r => r.Quality));
        RsgImage decoded = RsgDecoder.Decode(allocation.Bytes, new RsgDecoderOptions { MaxDegreeOfParallelism = 1 });
        return (allocation.Bytes.Length, decoded.Pixels);
    }

    [GeneratedRegex(@"^rsg-roi-w([0-9]+(?:\.[0-9]+)?)$")]
    private static partial Regex WeightId();
}
