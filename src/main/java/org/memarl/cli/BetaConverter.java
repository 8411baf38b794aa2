package org.memarl.cli;

import java.util.Locale;
import picocli.CommandLine;

/** Parses an inverse temperature: a number, or {@code inf}, {@code +inf}, {@code -inf} (also "infinity"). */
final class BetaConverter implements CommandLine.ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "inf":
            case "+inf":
            case "infinity":
            case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a number, inf or -inf");
        }
        if (Double.isNaN(d)) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a number, inf or -inf");
        }
        if (Double.isInfinite(d)) {
            // only the words mean infinity: a number beyond the double range (1e400) is refused, not rounded to it
            throw new CommandLine.TypeConversionException("'" + value + "' is beyond the range of double precision"
                    + " (about 1.8e308); write inf or -inf for an infinite inverse temperature");
        }
        return d;
    }
}
