namespace RegionCodec.Encoding;

/// <summary>
/// A window of consecutive image rows: the whole image for a buffer encode, or one wave of strips for a
/// row-source encode (<see cref="IRsgRowSource"/>). Samplers ask for rows by image row number, so they work on
/// either without knowing which.
/// </summary>
internal readonly ref struct PixelRows
{
    private readonly ReadOnlySpan<byte> _pixels;

    /// <param name="pixels">Row <paramref name="firstRow"/> starts at index 0, each next row <paramref name="stride"/> bytes on.</param>
    /// <param name="stride">Bytes from one row to the next.</param>
    /// <param name="firstRow">The image row of the window's first row.</param>
    public PixelRows(ReadOnlySpan<byte> pixels, int stride, int firstRow = 0)
    {
        _pixels = pixels;
        Stride = stride;
        FirstRow = firstRow;
    }

    public int Stride { get; }

    public int FirstRow { get; }

    /// <summary>The first <paramref name="length"/> bytes of image row <paramref name="imageRow"/>, which must be in the window.</summary>
    public ReadOnlySpan<byte> Row(int imageRow, int length) => _pixels.Slice((imageRow - FirstRow) * Stride, length);
}
