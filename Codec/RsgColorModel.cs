namespace RegionCodec;

/// <summary>What the image planes hold; the value is the number of planes.</summary>
public enum RsgColorModel : byte
{
    /// <summary>One plane: luma.</summary>
    Gray = 1,
    /// <summary>Three planes: Y, Cb, Cr (decoded to RGB).</summary>
    YCbCr = 3,
}
