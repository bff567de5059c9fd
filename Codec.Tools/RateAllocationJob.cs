using RegionCodec.Segmentation;

namespace RegionCodec.Tools;

/// <summary>
/// Encodes a mask or OpenCV segmentation with qualities from <see cref="RsgRateAllocator"/>: the file is at
/// most the size of one region at the target quality (or the --target-size budget), the important regions
/// getting finer quantizers as their --roi-weight says.
/// </summary>
internal static class RateAllocationJob
{
    public static EncodeResult Run(SourceImage image, EncodeSettingsResolved s, RsgSegmentation segmentation,
        int targetQuality, CancellationToken cancellationToken, string source)
    {
        int width = image.Width, height = image.Height;
        // Only the region names are used: the allocated file names its regions.
        RsgEncoderOptions options = s.EncoderOptions(image.Metadata, threads: Math.Max(1, s.Threads)) with { Regions = segmentation.Regions };
        RsgRateTarget target = s.TargetBytes is long budget ? RsgRateTarget.Budget(budget) : RsgRateTarget.SizeOfOneRegionAt(targetQuality);
        double[] weights = RsgRateAllocator.DefaultWeights(segmentation.Regions.Count, s.RoiWeight);
        RsgRateAllocation allocation = RsgRateAllocator.Allocate(image.Pixels.Span, width, height, image.Stride, image.Format,
            segmentation.Labels, weights, options, target, cancellationToken);
        if (!allocation.TargetMet)
        {
            throw new ToolException(ExitCodes.TargetUnreachable,
                $"{Errors.Display(source)}: --target-size {allocation.TargetBytes} bytes cannot be reached: the smallest file (quality 1) is {allocation.Bytes.Length} bytes");
        }

        string aim = s.TargetBytes is null ? $"size of one region at quality {targetQuality}" : $"{allocation.TargetBytes} bytes";
        string how = allocation.OneRegion
            ? $"ROI weight {s.RoiWeight:0.###}: one region at quality {allocation.Regions[0].Quality} kept, no allocation beat it in the ROI"
            : $"ROI weight {s.RoiWeight:0.###}, rate allocated to the {aim}, {allocation.TrialEncodes} trial encodes";
        RsgLabelMap? labels = allocation.OneRegion ? null : segmentation.Labels;
        return new EncodeResult(allocation.Bytes, width, height, segmentation.RegionNames, allocation.Regions, labels, allocation.TrialEncodes, how)
        {
            AtHighestQuality = s.TargetBytes is long limit && allocation.Bytes.Length < limit && allocation.Regions.All(r => r.Quality == 100),
        };
    }
}
