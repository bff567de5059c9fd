namespace RegionCodec;

/// <summary>Chroma resolution of a <see cref="RsgColorModel.YCbCr"/> image.</summary>
public enum RsgChromaSubsampling : byte
{
    /// <summary>Chroma at full resolution.</summary>
    Yuv444 = 0,
    /// <summary>Chroma at half resolution in both directions.</summary>
    Yuv420 = 1,
}
