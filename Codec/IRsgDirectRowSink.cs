namespace RegionCodec;

/// <summary>
/// An <see cref="IRsgRowSink"/> that lets the decoder write rows straight into its own image memory instead of
/// receiving them by <see cref="IRsgRowSink.OnRows"/>, which saves a copy of every pixel. Rows written in place are
/// not passed to <see cref="IRsgRowSink.OnRows"/>; mask rows still arrive by <see cref="IRsgRowSink.OnMaskRows"/>.
/// Until the decode returns, rows may hold partial results (for example colour without its alpha).
/// </summary>
public interface IRsgDirectRowSink : IRsgRowSink
{
    /// <summary>
    /// Image rows [<paramref name="firstRow"/>, firstRow + rowCount) as one span of <see cref="RsgImageInfo.PixelFormat"/>
    /// samples, row r at <c>(r - firstRow) * stride</c>, at least <c>stride * (rowCount - 1) + width * bytesPerPixel</c>
    /// bytes; or an empty span to receive these rows by <see cref="IRsgRowSink.OnRows"/> instead (for example when
    /// they are not evenly spaced in memory). Called after <see cref="IRsgRowSink.OnInfo"/> from the thread decoding
    /// those rows, possibly several times for the same rows, so it must give the same answer each time.
    /// </summary>
    /// <param name="firstRow">The first image row.</param>
    /// <param name="rowCount">How many rows.</param>
    /// <param name="stride">Bytes from one row's start to the next row's.</param>
    Span<byte> GetRows(int firstRow, int rowCount, out int stride);
}
