namespace RegionCodec.Lossless;

/// <summary>
/// The recently used colours of a strip's lossless samples (spec/rsg.md §9.5): <see cref="Size"/> packed
/// colours, most recent first. It is always full (it starts with a grey ramp), so every 5-bit index names a
/// colour: a decoded index can never be out of range.
/// </summary>
internal sealed class LosslessColourCache
{
    /// <summary>Entries; a cache index is 5 bits.</summary>
    public const int Size = 32;

    /// <summary>Bits of a cache index.</summary>
    public const int IndexBits = 5;

    private readonly int[] _colours = new int[Size];
    private readonly bool _gray;

    public LosslessColourCache(bool gray) => _gray = gray;

    /// <summary>Entry <paramref name="index"/> (0..31).</summary>
    public int this[int index] => _colours[index];

    /// <summary>Back to the initial grey ramp: entry i holds grey level floor(255 × i / 31).</summary>
    public void Reset()
    {
        for (int i = 0; i < Size; i++)
        {
            int v = 255 * i / (Size - 1);
            _colours[i] = _gray ? v : v | (v << 8) | (v << 16);
        }
    }

    /// <summary>The index of <paramref name="colour"/>, or -1.</summary>
    public int IndexOf(int colour) => Array.IndexOf(_colours, colour);

    /// <summary>Moves <paramref name="colour"/> to the front: from its entry if present, else the last entry is dropped.</summary>
    public void MoveToFront(int colour)
    {
        if (_colours[0] == colour)
        {
            return;
        }

        int at = Array.IndexOf(_colours, colour);
        int from = at < 0 ? Size - 1 : at;
        Array.Copy(_colours, 0, _colours, 1, from);
        _colours[0] = colour;
    }
}
