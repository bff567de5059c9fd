namespace RegionCodec.Decoding;

/// <summary>Collects a streaming decode into an <see cref="RsgImage"/>; buffers are allocated when the first strip arrives.</summary>
internal sealed class ImageBuilderSink : IRsgRowSink
{
    private RsgImageInfo? _info;
    private byte[]? _pixels;
    private byte[]? _labels;

    public void OnInfo(RsgImageInfo info) => _info = info;

    public void OnRows(int firstRow, int rowCount, ReadOnlySpan<byte> pixels, int stride)
    {
        RsgImageInfo info = _info!;
        _pixels ??= new byte[(long)info.Width * info.Height * (info.ColorModel == RsgColorModel.Gray ? 1 : 3)];
        int rowBytes = _pixels.Length / info.Height;
        for (int r = 0; r < rowCount; r++)
        {
            pixels.Slice(r * stride, rowBytes).CopyTo(_pixels.AsSpan((firstRow + r) * rowBytes, rowBytes));
        }
    }

    public void OnMaskRows(int firstMaskRow, int rowCount, ReadOnlySpan<byte> labels)
    {
        FrameHeader h = _info!.Header;
        _labels ??= new byte[(long)h.MaskWidth * h.MaskHeight];
        labels[..(rowCount * h.MaskWidth)].CopyTo(_labels.AsSpan(firstMaskRow * h.MaskWidth));
    }

    public RsgImage Build()
    {
        FrameHeader h = _info!.Header;
        return new RsgImage(_info, _pixels!, new RsgLabelMap(h.MaskWidth, h.MaskHeight, h.MaskCellSize, _labels!));
    }
}
