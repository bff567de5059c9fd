namespace RegionCodec;

/// <summary>Whether the encoder stores the input's alpha channel as an alpha plane (spec/rsg.md §9.4).</summary>
public enum RsgAlphaMode
{
    /// <summary>Store alpha when the input format has it and some pixel is not fully opaque (255); an opaque image pays nothing.</summary>
    Auto,

    /// <summary>Store alpha whenever the input format has it, even when every pixel is opaque.</summary>
    Keep,

    /// <summary>Never store alpha: the colour is coded as it is and the alpha channel is dropped.</summary>
    Drop,
}
