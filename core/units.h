// units.h — unit-carrying quantities.
//
// Each physical quantity is its own type, so a kWh can't be added to a kg by mistake.
// The only cross-unit products are the ones the pipeline needs, spelled out below:
//   Watts × Seconds → KilowattHours,  KilowattHours × GramsPerKwh → KgCO2e,
//   Flop / FlopPerSecond → Seconds,   Flop / Seconds → FlopPerSecond,
//   KilowattHours × LitresPerKwh → Litres (water).
#pragma once

#include <compare>

namespace foreprint {

template <class Tag>
class Quantity {
 public:
  constexpr Quantity() = default;
  constexpr explicit Quantity(double v) : v_(v) {}
  constexpr double value() const { return v_; }

  constexpr Quantity operator+(Quantity o) const { return Quantity(v_ + o.v_); }
  constexpr Quantity operator-(Quantity o) const { return Quantity(v_ - o.v_); }
  constexpr Quantity& operator+=(Quantity o) { v_ += o.v_; return *this; }
  constexpr Quantity operator*(double k) const { return Quantity(v_ * k); }
  constexpr Quantity operator/(double k) const { return Quantity(v_ / k); }
  constexpr double operator/(Quantity o) const { return v_ / o.v_; }
  constexpr auto operator<=>(const Quantity&) const = default;

 private:
  double v_ = 0.0;
};

template <class Tag>
constexpr Quantity<Tag> operator*(double k, Quantity<Tag> q) { return q * k; }

using Flop = Quantity<struct FlopTag>;                    // floating-point operations (a count)
using FlopPerSecond = Quantity<struct FlopPerSecondTag>;  // throughput
using Seconds = Quantity<struct SecondsTag>;
using Watts = Quantity<struct WattsTag>;
using KilowattHours = Quantity<struct KilowattHoursTag>;
using GramsPerKwh = Quantity<struct GramsPerKwhTag>;      // grid carbon intensity, g CO2e / kWh
using KgCO2e = Quantity<struct KgCO2eTag>;                // mass of CO2-equivalent
using LitresPerKwh = Quantity<struct LitresPerKwhTag>;    // water per kWh (WUE, EWIF)
using Litres = Quantity<struct LitresTag>;                // volume of water

inline constexpr double kSecondsPerHour = 3600.0;
inline constexpr double kJoulesPerKwh = 3.6e6;
inline constexpr double kHoursPerYear = 8766.0;  // 365.25 days

constexpr Seconds Hours(double h) { return Seconds(h * kSecondsPerHour); }
constexpr double InHours(Seconds s) { return s.value() / kSecondsPerHour; }
constexpr FlopPerSecond Tflops(double t) { return FlopPerSecond(t * 1e12); }
constexpr double InTflops(FlopPerSecond f) { return f.value() / 1e12; }

constexpr KilowattHours operator*(Watts p, Seconds t) {
  return KilowattHours(p.value() * t.value() / kJoulesPerKwh);
}
constexpr KilowattHours operator*(Seconds t, Watts p) { return p * t; }
constexpr KgCO2e operator*(KilowattHours e, GramsPerKwh ci) {
  return KgCO2e(e.value() * ci.value() / 1000.0);
}
constexpr KgCO2e operator*(GramsPerKwh ci, KilowattHours e) { return e * ci; }
constexpr Litres operator*(KilowattHours e, LitresPerKwh w) { return Litres(e.value() * w.value()); }
constexpr Litres operator*(LitresPerKwh w, KilowattHours e) { return e * w; }
constexpr Seconds operator/(Flop c, FlopPerSecond x) { return Seconds(c.value() / x.value()); }
constexpr FlopPerSecond operator/(Flop c, Seconds t) { return FlopPerSecond(c.value() / t.value()); }

}  // namespace foreprint
