namespace RegionCodec;

/// <summary>
/// The base quantization tables a file uses (RHDR <c>quant_table_set</c>, spec/rsg.md §7.1). Both sets are
/// scaled by quality with the IJG rule.
/// </summary>
public enum RsgQuantizationTables
{
    /// <summary>
    /// ITU T.81 Annex K, as libjpeg uses them: quality q quantizes exactly like <c>cjpeg -quality q</c>.
    /// Steep towards high frequencies, tuned for viewing at a distance.
    /// </summary>
    JpegAnnexK = 0,

    /// <summary>
    /// Base step 14 + 2(u + v) for luma and 17 + 3(u + v) for chroma: far flatter than Annex K, so fine
    /// detail keeps more of its energy per bit. The encoder's default: on eight Kodak photographs it needs about
    /// 15% fewer bits than Annex K for the same PSNR-Y and about 4% fewer for the same SSIM-Y (without deblocking).
    /// </summary>
    Tilted = 1,
}
