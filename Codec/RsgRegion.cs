using RegionCodec.Quantization;

namespace RegionCodec;

/// <summary>
/// One row of the region table: the quality (1..100) and coding mode of a label, and optionally its
/// name ("face", "sky"; stored in the <c>rNAM</c> chunk, spec/rsg.md §4.11; null or empty = unnamed).
/// </summary>
public readonly record struct RsgRegion(int Quality, RsgRegionMode Mode = RsgRegionMode.Dct, string? Name = null)
{
    /// <summary>Longest name in UTF-8 bytes: rNAM stores each name's length in one byte.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>
    /// The IJG scale, in percent of the base table, that this region's <see cref="Quality"/> applies
    /// (spec/rsg.md §7.2): 5000 at quality 1, 100 at 50, 0 at 100 (the step floor of 1).
    /// </summary>
    public int StepScalePercent => QuantizationTables.ScalePercent(Quality);

    /// <summary>Whether <paramref name="name"/> fits the rNAM chunk: at most <see cref="MaxNameBytes"/> UTF-8 bytes, no NUL, no unpaired surrogate.</summary>
    public static bool IsStorableName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Container.RegionNames.IsStorable(name);
    }

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> (naming <paramref name="paramName"/>) unless the quality is 1..100,
    /// the mode known and the name, if any, at most <see cref="MaxNameBytes"/> UTF-8 bytes without NUL or unpaired surrogates.
    /// </summary>
    public void Validate(string paramName)
    {
        if (Quality is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(paramName, Quality, "Region quality must be 1..100.");
        }

        if (Mode is not (RsgRegionMode.Dct or RsgRegionMode.DcOnly or RsgRegionMode.Lossless))
        {
            throw new ArgumentOutOfRangeException(paramName, Mode, "Unknown region mode.");
        }

        if (!string.IsNullOrEmpty(Name) && !Container.RegionNames.IsStorable(Name))
        {
            throw new ArgumentOutOfRangeException(paramName, Name, $"A region name must be at most {MaxNameBytes} UTF-8 bytes, without NUL or unpaired surrogates.");
        }
    }
}
