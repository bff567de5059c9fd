namespace RegionCodec;

/// <summary>
/// Receives a decode's output strip by strip. A streaming decode (from a <see cref="System.IO.Stream"/> or a
/// <see cref="System.IO.Pipelines.PipeReader"/>) delivers the strips in order, as soon as each strip's bytes have
/// arrived; the whole-buffer decode delivers them concurrently and out of order from several threads (never the
/// same rows twice). Spans are valid only during the call.
/// </summary>
public interface IRsgRowSink
{
    /// <summary>The header, region table, region names and metadata have been read (at the first strip's head, before any row).</summary>
    void OnInfo(RsgImageInfo info);

    /// <summary>
    /// Image rows [<paramref name="firstRow"/>, firstRow + rowCount) as <see cref="RsgImageInfo.PixelFormat"/>
    /// samples, row r at <c>pixels[(r - firstRow) * stride]</c>.
    /// </summary>
    void OnRows(int firstRow, int rowCount, ReadOnlySpan<byte> pixels, int stride);

    /// <summary>
    /// Mask rows [<paramref name="firstMaskRow"/>, firstMaskRow + rowCount), <see cref="RsgImageInfo.MaskCellSize"/>
    /// pixels each, ceil(width / cell) labels per row. Strips always start on a mask row boundary, so each mask row arrives once.
    /// </summary>
    void OnMaskRows(int firstMaskRow, int rowCount, ReadOnlySpan<byte> labels);
}
