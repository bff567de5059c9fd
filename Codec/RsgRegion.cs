namespace RegionCodec;

/// <summary>One row of the region table: the quality (1..100) and coding mode of a label.</summary>
public readonly record struct RsgRegion(int Quality, RsgRegionMode Mode = RsgRegionMode.Dct)
{
    internal void Validate(string paramName)
    {
        if (Quality is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(paramName, Quality, "Region quality must be 1..100.");
        }

        if (Mode is not (RsgRegionMode.Dct or RsgRegionMode.DcOnly))
        {
            throw new ArgumentOutOfRangeException(paramName, Mode, "Unknown region mode.");
        }
    }
}
