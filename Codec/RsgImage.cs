namespace RegionCodec;

/// <summary>A decoded image: interleaved pixels (Gray8 or Rgb24) and its region label map.</summary>
public sealed class RsgImage
{
    internal RsgImage(RsgImageInfo info, byte[] pixels, RsgLabelMap labels)
    {
        Info = info;
        Pixels = pixels;
        Labels = labels;
    }

    public RsgImageInfo Info { get; }

    public int Width => Info.Width;

    public int Height => Info.Height;

    public RsgPixelFormat PixelFormat => Info.PixelFormat;

    /// <summary>Bytes per row (width times 1 or 3; rows are packed).</summary>
    public int Stride => Info.Width * (Info.ColorModel == RsgColorModel.Gray ? 1 : 3);

    public byte[] Pixels { get; }

    public RsgLabelMap Labels { get; }
}
