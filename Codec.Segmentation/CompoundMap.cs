namespace RegionCodec.Segmentation;

/// <summary>
/// The compound detector's result: one flag per 8x8 cell, set where the image is synthetic (text, UI, graphics,
/// flat fills with sharp edges) rather than photographic.
/// </summary>
public sealed class CompoundMap
{
    private readonly bool[] _synthetic;

    internal CompoundMap(int columns, int rows, bool[] synthetic)
    {
        Columns = columns;
        Rows = rows;
        _synthetic = synthetic;
        foreach (bool s in synthetic)
        {
            SyntheticCells += s ? 1 : 0;
        }
    }

    /// <summary>Cells across (8 pixels each, the last one may be partial).</summary>
    public int Columns { get; }

    /// <summary>Cells down.</summary>
    public int Rows { get; }

    /// <summary>How many cells are synthetic; 0 for a photograph.</summary>
    public int SyntheticCells { get; }

    /// <summary>Share (0..1) of the cells that are synthetic.</summary>
    public double SyntheticFraction => (double)SyntheticCells / ((long)Columns * Rows);

    /// <summary>Whether the 8x8 cell at (<paramref name="column"/>, <paramref name="row"/>) is synthetic.</summary>
    public bool IsSynthetic(int column, int row) => _synthetic[(row * Columns) + column];

    /// <summary>Whether the pixel (<paramref name="x"/>, <paramref name="y"/>) lies in a synthetic cell.</summary>
    public bool IsSyntheticPixel(int x, int y) => _synthetic[((y >> 3) * Columns) + (x >> 3)];
}
