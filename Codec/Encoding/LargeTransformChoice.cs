namespace RegionCodec.Encoding;

/// <summary>How the encoder picks 16x16 luma transforms (spec/rsg.md §7.5, §13).</summary>
internal enum LargeTransformChoice
{
    /// <summary>Per eligible area, by rate and distortion.</summary>
    Auto,

    /// <summary>Four 8x8 transforms everywhere (every flag 0): the format before 16x16 transforms, for measurements.</summary>
    Never,

    /// <summary>A 16x16 transform in every eligible area (tests and conformance files).</summary>
    Always,
}
