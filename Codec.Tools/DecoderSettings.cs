using System.ComponentModel;
using Spectre.Console.Cli;

namespace RegionCodec.Tools;

/// <summary>Options of the commands that decode .rsg files (decode, info, thumbnail): the size limit.</summary>
internal class DecoderSettings : CommonSettings
{
    [CommandOption("--max-pixels <N>")]
    [Description("Largest image accepted, in pixels (default 268435456 = 2^28, and at most 1048576 per side; giving N replaces both). rsgconv encode stays within the defaults unless --allow-large.")]
    public long? MaxPixels { get; set; }

    public RsgDecoderOptions DecoderOptions(int threads = -1) => Options(MaxPixels, threads);

    /// <summary>The decoder options: the default limits, or --max-pixels N and no per-side limit but the format's own (one knob for the user).</summary>
    public static RsgDecoderOptions Options(long? maxPixels, int threads = -1)
    {
        if (maxPixels is not long max)
        {
            return new RsgDecoderOptions { MaxDegreeOfParallelism = threads };
        }

        if (max < 1)
        {
            throw new UsageException($"--max-pixels must be at least 1, not {max}");
        }

        return new RsgDecoderOptions
        {
            MaxPixels = max,
            MaxWidth = RsgConstants.MaxDimension,
            MaxHeight = RsgConstants.MaxDimension,
            MaxDegreeOfParallelism = threads,
        };
    }
}
