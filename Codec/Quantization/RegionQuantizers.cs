using RegionCodec.Quantization;

namespace RegionCodec.Quantization;

/// <summary>The luma and chroma quantization matrices of every region, built once per image.</summary>
internal sealed class RegionQuantizers
{
    private readonly ushort[] _tables;

    public RegionQuantizers(ReadOnlySpan<RsgRegion> regions, RsgQuantizationTables set)
    {
        _tables = new ushort[regions.Length * 2 * 64];
        for (int label = 0; label < regions.Length; label++)
        {
            QuantizationTables.Build(regions[label].Quality, chroma: false, set, _tables.AsSpan(label * 128, 64));
            QuantizationTables.Build(regions[label].Quality, chroma: true, set, _tables.AsSpan((label * 128) + 64, 64));
        }
    }

    /// <summary>The 64-entry natural-order table of <paramref name="label"/> for a luma or chroma plane.</summary>
    public ReadOnlySpan<ushort> Table(int label, bool chroma) => _tables.AsSpan((label * 128) + (chroma ? 64 : 0), 64);
}
