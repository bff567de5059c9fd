namespace RegionCodec.Quantization;

/// <summary>
/// Quality (1..100) to quantization matrices (spec/rsg.md §7): a base table, either the ITU T.81 Annex K
/// example tables (so quality q quantizes exactly like `cjpeg -quality q`) or the tilted tables, scaled
/// by the IJG rule.
/// </summary>
internal static class QuantizationTables
{
    /// <summary>Annex K.1 luminance table, natural order.</summary>
    private static ReadOnlySpan<byte> BaseLuma =>
    [
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99,
    ];

    /// <summary>Annex K.2 chrominance table, natural order.</summary>
    private static ReadOnlySpan<byte> BaseChroma =>
    [
        17, 18, 24, 47, 99, 99, 99, 99,
        18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
    ];

    /// <summary>Fills <paramref name="table"/> (64 entries, natural order) for a quality, plane kind and table set.</summary>
    public static void Build(int quality, bool chroma, RsgQuantizationTables set, Span<ushort> table)
    {
        int scale = ScalePercent(quality);
        for (int i = 0; i < 64; i++)
        {
            int q = ((BaseStep(set, chroma, i) * scale) + 50) / 100;
            table[i] = (ushort)Math.Clamp(q, 1, 255);
        }
    }

    /// <summary>The IJG rule: the percentage by which quality 1..100 scales the base tables (5000 at 1, 100 at 50, 0 at 100).</summary>
    public static int ScalePercent(int quality) => quality < 50 ? 5000 / quality : 200 - (2 * quality);

    /// <summary>The unscaled step of natural-order position <paramref name="index"/> (row v, column u).</summary>
    private static int BaseStep(RsgQuantizationTables set, bool chroma, int index)
    {
        if (set == RsgQuantizationTables.JpegAnnexK)
        {
            return chroma ? BaseChroma[index] : BaseLuma[index];
        }

        int frequency = (index & 7) + (index >> 3);
        return chroma ? 17 + (3 * frequency) : 14 + (2 * frequency);
    }
}
