using System.Runtime.Intrinsics;

namespace RegionCodec.Reconstruction;

/// <summary>
/// The SIMD paths of <see cref="InverseDct16"/>: the scalar sums with 8 (or 4) columns per vector. Terms whose
/// coefficient is zero are left out (rows of C past its last non-zero row in pass 1, columns past its last non-zero
/// column in pass 2, where the workspace is 0); adding zero changes no sum, so the bits stay those of the scalar path.
/// </summary>
internal static partial class InverseDct16
{
    /// <summary>Vector256 path; same contract and bits as <see cref="TransformScalar"/>.</summary>
    public static void TransformVector256(ReadOnlySpan<int> coefficients, Span<byte> destination, int destinationStride)
    {
        ValidateArguments(coefficients, destination, destinationStride);
        (int rows, int columns) = Extent(coefficients);
        ReadOnlySpan<int> k = Basis;
        Span<int> workspace = stackalloc int[BlockLength];
        Vector256<int> round1 = Vector256.Create(1 << (Pass1Shift - 1)), offset2 = Vector256.Create(Pass2Offset);
        for (int y = 0; y < 16; y++)
        {
            Vector256<int> left = round1, right = round1;
            for (int v = 0; v < rows; v++)
            {
                Vector256<int> factor = Vector256.Create(k[(v * 16) + y]);
                left += factor * Vector256.Create(coefficients.Slice(v * 16, 8));
                right += factor * Vector256.Create(coefficients.Slice((v * 16) + 8, 8));
            }

            Vector256.ShiftRightArithmetic(left, Pass1Shift).CopyTo(workspace.Slice(y * 16, 8));
            Vector256.ShiftRightArithmetic(right, Pass1Shift).CopyTo(workspace.Slice((y * 16) + 8, 8));
        }

        Vector256<int> max = Vector256.Create(255);
        for (int y = 0; y < 16; y++)
        {
            Vector256<int> left = offset2, right = offset2;
            for (int u = 0; u < columns; u++)
            {
                Vector256<int> value = Vector256.Create(workspace[(y * 16) + u]);
                left += value * Vector256.Create(k.Slice(u * 16, 8));
                right += value * Vector256.Create(k.Slice((u * 16) + 8, 8));
            }

            left = Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(left, Pass2Shift), Vector256<int>.Zero), max);
            right = Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(right, Pass2Shift), Vector256<int>.Zero), max);

            // 0..255 in every lane, so both narrowings are exact.
            Vector256<short> words = Vector256.Narrow(left, right);
            Vector256.Narrow(words.AsUInt16(), words.AsUInt16()).GetLower().CopyTo(destination.Slice(y * destinationStride, 16));
        }
    }

    /// <summary>Vector128 path; same contract and bits as <see cref="TransformScalar"/>.</summary>
    public static void TransformVector128(ReadOnlySpan<int> coefficients, Span<byte> destination, int destinationStride)
    {
        ValidateArguments(coefficients, destination, destinationStride);
        (int rows, int columns) = Extent(coefficients);
        ReadOnlySpan<int> k = Basis;
        Span<int> workspace = stackalloc int[BlockLength];
        Vector128<int> round1 = Vector128.Create(1 << (Pass1Shift - 1)), offset2 = Vector128.Create(Pass2Offset);
        for (int y = 0; y < 16; y++)
        {
            for (int quarter = 0; quarter < 16; quarter += 4)
            {
                Vector128<int> sum = round1;
                for (int v = 0; v < rows; v++)
                {
                    sum += Vector128.Create(k[(v * 16) + y]) * Vector128.Create(coefficients.Slice((v * 16) + quarter, 4));
                }

                Vector128.ShiftRightArithmetic(sum, Pass1Shift).CopyTo(workspace.Slice((y * 16) + quarter, 4));
            }
        }

        Vector128<int> max = Vector128.Create(255);
        Span<int> samples = stackalloc int[16];
        for (int y = 0; y < 16; y++)
        {
            for (int quarter = 0; quarter < 16; quarter += 4)
            {
                Vector128<int> sum = offset2;
                for (int u = 0; u < columns; u++)
                {
                    sum += Vector128.Create(workspace[(y * 16) + u]) * Vector128.Create(k.Slice((u * 16) + quarter, 4));
                }

                Vector128.Min(Vector128.Max(Vector128.ShiftRightArithmetic(sum, Pass2Shift), Vector128<int>.Zero), max).CopyTo(samples.Slice(quarter, 4));
            }

            Span<byte> row = destination.Slice(y * destinationStride, 16);
            for (int x = 0; x < 16; x++)
            {
                row[x] = (byte)samples[x];
            }
        }
    }

    /// <summary>One past the last row and one past the last column of <paramref name="coefficients"/> holding a non-zero value.</summary>
    private static (int Rows, int Columns) Extent(ReadOnlySpan<int> coefficients)
    {
        int rows = 0;
        Vector256<int> leftColumns = Vector256<int>.Zero, rightColumns = Vector256<int>.Zero;
        for (int v = 0; v < 16; v++)
        {
            Vector256<int> left = Vector256.Create(coefficients.Slice(v * 16, 8)), right = Vector256.Create(coefficients.Slice((v * 16) + 8, 8));
            if ((left | right) != Vector256<int>.Zero)
            {
                rows = v + 1;
            }

            leftColumns |= left;
            rightColumns |= right;
        }

        // Bit u set when column u has a non-zero coefficient.
        uint mask = ~Vector256.Equals(leftColumns, Vector256<int>.Zero).ExtractMostSignificantBits() & 0xFF
            | ((~Vector256.Equals(rightColumns, Vector256<int>.Zero).ExtractMostSignificantBits() & 0xFF) << 8);
        return (rows, 32 - System.Numerics.BitOperations.LeadingZeroCount(mask));
    }
}
