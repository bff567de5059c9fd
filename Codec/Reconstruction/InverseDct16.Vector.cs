using System.Runtime.Intrinsics;

namespace RegionCodec.Reconstruction;

/// <summary>The SIMD paths of <see cref="InverseDct16"/>: the scalar sums with 8 (or 4) columns per vector.</summary>
internal static partial class InverseDct16
{
    /// <summary>Vector256 path; same contract and bits as <see cref="TransformScalar"/>.</summary>
    public static void TransformVector256(ReadOnlySpan<int> coefficients, Span<byte> destination, int destinationStride)
    {
        ValidateArguments(coefficients, destination, destinationStride);
        ReadOnlySpan<int> k = Basis;
        Span<int> workspace = stackalloc int[BlockLength];
        Vector256<int> round1 = Vector256.Create(1 << (Pass1Shift - 1)), offset2 = Vector256.Create(Pass2Offset);
        for (int y = 0; y < 16; y++)
        {
            Vector256<int> left = round1, right = round1;
            for (int v = 0; v < 16; v++)
            {
                Vector256<int> factor = Vector256.Create(k[(v * 16) + y]);
                left += factor * Vector256.Create(coefficients.Slice(v * 16, 8));
                right += factor * Vector256.Create(coefficients.Slice((v * 16) + 8, 8));
            }

            Vector256.ShiftRightArithmetic(left, Pass1Shift).CopyTo(workspace.Slice(y * 16, 8));
            Vector256.ShiftRightArithmetic(right, Pass1Shift).CopyTo(workspace.Slice((y * 16) + 8, 8));
        }

        Vector256<int> max = Vector256.Create(255);
        Span<int> samples = stackalloc int[16];
        for (int y = 0; y < 16; y++)
        {
            Vector256<int> left = offset2, right = offset2;
            for (int u = 0; u < 16; u++)
            {
                Vector256<int> value = Vector256.Create(workspace[(y * 16) + u]);
                left += value * Vector256.Create(k.Slice(u * 16, 8));
                right += value * Vector256.Create(k.Slice((u * 16) + 8, 8));
            }

            Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(left, Pass2Shift), Vector256<int>.Zero), max).CopyTo(samples);
            Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(right, Pass2Shift), Vector256<int>.Zero), max).CopyTo(samples[8..]);
            Span<byte> row = destination.Slice(y * destinationStride, 16);
            for (int x = 0; x < 16; x++)
            {
                row[x] = (byte)samples[x];
            }
        }
    }

    /// <summary>Vector128 path; same contract and bits as <see cref="TransformScalar"/>.</summary>
    public static void TransformVector128(ReadOnlySpan<int> coefficients, Span<byte> destination, int destinationStride)
    {
        ValidateArguments(coefficients, destination, destinationStride);
        ReadOnlySpan<int> k = Basis;
        Span<int> workspace = stackalloc int[BlockLength];
        Vector128<int> round1 = Vector128.Create(1 << (Pass1Shift - 1)), offset2 = Vector128.Create(Pass2Offset);
        for (int y = 0; y < 16; y++)
        {
            for (int quarter = 0; quarter < 16; quarter += 4)
            {
                Vector128<int> sum = round1;
                for (int v = 0; v < 16; v++)
                {
                    sum += Vector128.Create(k[(v * 16) + y]) * Vector128.Create(coefficients.Slice((v * 16) + quarter, 4));
                }

                Vector128.ShiftRightArithmetic(sum, Pass1Shift).CopyTo(workspace.Slice((y * 16) + quarter, 4));
            }
        }

        Vector128<int> max = Vector128.Create(255);
        Span<int> samples = stackalloc int[4];
        for (int y = 0; y < 16; y++)
        {
            Span<byte> row = destination.Slice(y * destinationStride, 16);
            for (int quarter = 0; quarter < 16; quarter += 4)
            {
                Vector128<int> sum = offset2;
                for (int u = 0; u < 16; u++)
                {
                    sum += Vector128.Create(workspace[(y * 16) + u]) * Vector128.Create(k.Slice((u * 16) + quarter, 4));
                }

                Vector128.Min(Vector128.Max(Vector128.ShiftRightArithmetic(sum, Pass2Shift), Vector128<int>.Zero), max).CopyTo(samples);
                for (int x = 0; x < 4; x++)
                {
                    row[quarter + x] = (byte)samples[x];
                }
            }
        }
    }
}
