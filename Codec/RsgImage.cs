namespace RegionCodec;

/// <summary>A decoded image: interleaved pixels (Gray8 or Rgb24, or with alpha GrayAlpha16 or Rgba32) and its region label map.</summary>
public sealed class RsgImage
{
    internal RsgImage(RsgImageInfo info, byte[] pixels, RsgLabelMap labels, int scaleDenominator = 1)
    {
        ScaleDenominator = scaleDenominator;
        Width = (info.Width + scaleDenominator - 1) / scaleDenominator;
        Height = (info.Height + scaleDenominator - 1) / scaleDenominator;
        Info = info;
        Pixels = pixels;
        Labels = labels;
    }

    /// <summary>What the file's header, region table, names and metadata say.</summary>
    public RsgImageInfo Info { get; }

    /// <summary>Width of <see cref="Pixels"/>: the image width, or ceil(width / <see cref="ScaleDenominator"/>).</summary>
    public int Width { get; }

    /// <summary>Height of <see cref="Pixels"/>: the image height, or ceil(height / <see cref="ScaleDenominator"/>).</summary>
    public int Height { get; }

    /// <summary>1 for a full-size decode; 2, 4 or 8 for <see cref="RsgDecoder.DecodeScaled"/> (spec/rsg.md §16).</summary>
    public int ScaleDenominator { get; }

    /// <summary>The layout of <see cref="Pixels"/>: gray or RGB, with alpha when the file has it.</summary>
    public RsgPixelFormat PixelFormat => Info.PixelFormat;

    /// <summary>Bytes per row (width times 1, 2, 3 or 4; rows are packed).</summary>
    public int Stride => Width * PixelFormat.BytesPerPixel();

    /// <summary>The decoded pixels, <see cref="Height"/> rows of <see cref="Stride"/> bytes.</summary>
    public byte[] Pixels { get; }

    /// <summary>The file's label map (always full size, also for a reduced decode).</summary>
    public RsgLabelMap Labels { get; }
}
