namespace RegionCodec.Decoding;

/// <summary>
/// Collects a streaming decode into an <see cref="RsgImage"/>. The output grows with the strips that
/// have actually arrived (at most doubling), so a truncated file that declares a huge image never
/// makes it allocate the whole image.
/// </summary>
internal sealed class ImageBuilderSink : IRsgRowSink
{
    private RsgImageInfo? _info;
    private byte[] _pixels = [];
    // Not RsgLabelMap.ForDecoding: that allocates the whole mask when the header arrives (up to 2^28 cells at
    // cell size 1), which a truncated stream must not cause; the labels grow with the strips like the pixels.
    private byte[] _labels = [];

    public void OnInfo(RsgImageInfo info)
    {
        CheckFitsInArrays(info.Header);
        _info = info;
    }

    /// <summary>An <see cref="RsgImage"/> holds its pixels in one array; larger images need a row sink.</summary>
    public static void CheckFitsInArrays(FrameHeader h)
    {
        long bytes = (long)h.Width * h.Height * h.BytesPerPixel;
        if (bytes > Array.MaxLength)
        {
            ThrowHelper.Format(RsgError.LimitExceeded, 17, $"a {h.Width}x{h.Height} image ({bytes} bytes) does not fit in one array; decode it through an IRsgRowSink");
        }
    }

    public void OnRows(int firstRow, int rowCount, ReadOnlySpan<byte> pixels, int stride)
    {
        RsgImageInfo info = _info!;
        int rowBytes = info.Header.RowBytes;
        long total = (long)rowBytes * info.Height;
        EnsureCapacity(ref _pixels, (long)(firstRow + rowCount) * rowBytes, total);
        for (int r = 0; r < rowCount; r++)
        {
            pixels.Slice(r * stride, rowBytes).CopyTo(_pixels.AsSpan((firstRow + r) * rowBytes, rowBytes));
        }
    }

    public void OnMaskRows(int firstMaskRow, int rowCount, ReadOnlySpan<byte> labels)
    {
        FrameHeader h = _info!.Header;
        EnsureCapacity(ref _labels, (long)(firstMaskRow + rowCount) * h.MaskWidth, (long)h.MaskWidth * h.MaskHeight);
        labels[..(rowCount * h.MaskWidth)].CopyTo(_labels.AsSpan(firstMaskRow * h.MaskWidth));
    }

    public RsgImage Build()
    {
        FrameHeader h = _info!.Header;
        return new RsgImage(_info, _pixels, new RsgLabelMap(h.MaskWidth, h.MaskHeight, h.MaskCellSize, _labels));
    }

    /// <summary>Grows <paramref name="buffer"/> to hold <paramref name="needed"/> bytes: to twice that, but never past <paramref name="total"/>.</summary>
    private static void EnsureCapacity(ref byte[] buffer, long needed, long total)
    {
        if (buffer.Length >= needed)
        {
            return;
        }

        byte[] larger = new byte[Math.Min(total, Math.Max(needed, 2L * needed))];
        buffer.CopyTo(larger, 0);
        buffer = larger;
    }
}
