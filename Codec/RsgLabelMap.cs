namespace RegionCodec;

/// <summary>
/// The region label of every mask cell, row-major. A cell is <see cref="CellSize"/> x <see cref="CellSize"/>
/// pixels (1 = per-pixel mask, 8 = one label per 8x8 block); the map covers ceil(width / CellSize) x
/// ceil(height / CellSize) cells.
/// </summary>
public sealed class RsgLabelMap
{
    /// <summary>A map of <paramref name="labels"/> (ceil(width / cellSize) x ceil(height / cellSize), row-major) for a <paramref name="width"/> x <paramref name="height"/> image.</summary>
    public RsgLabelMap(int width, int height, int cellSize, byte[] labels)
    {
        if (cellSize is not (1 or 2 or 4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(cellSize), cellSize, "Cell size must be 1, 2, 4 or 8.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(labels);
        if ((long)width * height != labels.Length)
        {
            throw new ArgumentException($"Expected {(long)width * height} labels, got {labels.Length}.", nameof(labels));
        }

        Width = width;
        Height = height;
        CellSize = cellSize;
        Labels = labels;
    }

    /// <summary>Width in cells.</summary>
    public int Width { get; }

    /// <summary>Height in cells.</summary>
    public int Height { get; }

    /// <summary>Pixels per cell side: 1, 2, 4 or 8.</summary>
    public int CellSize { get; }

    /// <summary>Row-major labels, Width * Height of them.</summary>
    public byte[] Labels { get; }

    /// <summary>Label of the cell covering pixel (x, y).</summary>
    public byte LabelAtPixel(int x, int y) => Labels[(y / CellSize * Width) + (x / CellSize)];

    /// <summary>A map with one label everywhere.</summary>
    public static RsgLabelMap Uniform(int imageWidth, int imageHeight, int cellSize = 8, byte label = 0)
    {
        int w = CeilDiv(imageWidth, cellSize), h = CeilDiv(imageHeight, cellSize);
        byte[] labels = new byte[(long)w * h];
        if (label != 0)
        {
            labels.AsSpan().Fill(label);
        }

        return new RsgLabelMap(w, h, cellSize, labels);
    }

    /// <summary>
    /// An all-background map with the cells of a decoded file's mask, for an <see cref="IRsgRowSink"/> to fill
    /// with <see cref="CopyMaskRows"/>.
    /// </summary>
    public static RsgLabelMap ForDecoding(RsgImageInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new RsgLabelMap(info.MaskWidth, info.MaskHeight, info.MaskCellSize, new byte[(long)info.MaskWidth * info.MaskHeight]);
    }

    /// <summary>Stores mask rows as <see cref="IRsgRowSink.OnMaskRows"/> hands them over.</summary>
    public void CopyMaskRows(int firstMaskRow, int rowCount, ReadOnlySpan<byte> labels) =>
        labels[..(rowCount * Width)].CopyTo(Labels.AsSpan(firstMaskRow * Width));

    /// <summary>Cells a label map needs along an image side of <paramref name="pixels"/> pixels (the last cell may be partial).</summary>
    public static int CellsAlong(int pixels, int cellSize) => CeilDiv(pixels, cellSize);

    /// <summary>Whether this map has exactly the cells a <paramref name="imageWidth"/> x <paramref name="imageHeight"/> image needs.</summary>
    public bool Fits(int imageWidth, int imageHeight) =>
        Width == CellsAlong(imageWidth, CellSize) && Height == CellsAlong(imageHeight, CellSize);

    internal static int CeilDiv(int value, int divisor) => (int)(((long)value + divisor - 1) / divisor);
}
