namespace RegionCodec.Lossless;

/// <summary>
/// The colour that last followed each causal neighbourhood in a strip's lossless samples (spec/rsg.md §9.5): a table of
/// 2^<see cref="HashBits"/> colours indexed by a hash of the six neighbours left, above, above-left, above-right,
/// two to the left and two above. Text and icons repeat their glyphs, so the pixel that followed a neighbourhood last
/// time predicts the next one where the plain copy decisions cannot; empty entries hold -1 (no colour is negative).
/// </summary>
internal sealed class LosslessContextMatch
{
    /// <summary>Bits of the table index.</summary>
    public const int HashBits = 20;

    private readonly int[] _table = new int[1 << HashBits];

    public LosslessContextMatch() => Reset();

    /// <summary>Every entry empty (-1): the state at the start of each LOSS payload.</summary>
    public void Reset() => Array.Fill(_table, -1);

    /// <summary>The table index of a neighbourhood (all arithmetic on unsigned 32-bit values, modulo 2^32).</summary>
    public static int Hash(int a, int b, int c, int d, int aa, int bb)
    {
        uint h = unchecked(((uint)a * 0x9E3779B1u) ^ ((uint)b * 0x85EBCA77u) ^ ((uint)c * 0xC2B2AE3Du)
            ^ ((uint)d * 0x27D4EB2Fu) ^ ((uint)aa * 0x165667B1u) ^ ((uint)bb * 0xD3A2646Cu));
        h ^= h >> 15;
        h = unchecked(h * 0x2C1B3C6Du);
        return (int)(h >> (32 - HashBits));
    }

    /// <summary>The colour recorded at <paramref name="index"/>, or -1.</summary>
    public int this[int index] => _table[index];

    /// <summary>Records that <paramref name="colour"/> followed the neighbourhood of <paramref name="index"/>.</summary>
    public void Record(int index, int colour) => _table[index] = colour;
}
