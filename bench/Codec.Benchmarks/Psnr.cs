namespace RegionCodec.Benchmarks;

internal static class Psnr
{
    /// <summary>
    /// RGB PSNR in dB: one MSE over every sample of all three channels, then 10*log10(255^2 / MSE).
    /// Identical images give +infinity.
    /// </summary>
    public static double Rgb(ReadOnlySpan<byte> reference, ReadOnlySpan<byte> decoded)
    {
        if (reference.Length != decoded.Length || reference.Length == 0)
        {
            throw new ArgumentException($"Sample counts differ ({reference.Length} vs {decoded.Length}).", nameof(decoded));
        }

        long sumSquares = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            int d = reference[i] - decoded[i];
            sumSquares += d * d;
        }

        double mse = sumSquares / (double)reference.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }
}
