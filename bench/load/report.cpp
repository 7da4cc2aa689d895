#include "report.hpp"

#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace load {

namespace {

std::uint64_t errors_of(const Stats& s) {
    return s.error_frames + s.bad_replies + s.closed + s.connect_failed + s.unanswered;
}

double per_second(double count, double seconds) { return seconds > 0 ? count / seconds : 0; }

// The server's CPU (µs per answer, cores busy) and memory, when it was sampled at both ends.
struct ServerFigures {
    double cpu_us_per_answer = 0;
    double cores = 0;
    double rss_mib = 0;
    double peak_rss_mib = 0;
};

std::optional<ServerFigures> server_figures(const Results& r) {
    if (!r.server_before || !r.server_after) return std::nullopt;
    const double cpu = r.server_after->cpu_seconds - r.server_before->cpu_seconds;
    ServerFigures f;
    f.cpu_us_per_answer = r.stats.answers > 0 ? cpu * 1e6 / static_cast<double>(r.stats.answers) : 0;
    f.cores = per_second(cpu, r.measured_s);
    f.rss_mib = static_cast<double>(r.server_after->rss_kib) / 1024.0;
    f.peak_rss_mib = static_cast<double>(r.server_after->peak_rss_kib) / 1024.0;
    return f;
}

std::string mode_of(const Options& o) {
    if (o.rate <= 0) return "closed loop";
    char text[64];
    std::snprintf(text, sizeof text, "open loop at %.0f answers/s", o.rate);
    return text;
}

}  // namespace

void print_text(std::ostream& out, const Results& r) {
    const Stats& s = r.stats;
    const Options& o = r.options;
    char line[512];
    std::snprintf(line, sizeof line,
                  "advisor-load %s: %u connection(s), %s, %.1f s after %.1f s warm-up, %u thread(s)\n",
                  o.url.c_str(), o.connections, mode_of(o).c_str(), o.duration_s, o.warmup_s, o.threads);
    out << line;
    std::snprintf(line, sizeof line, "answers/s     %.0f (%llu answers)\n",
                  per_second(static_cast<double>(s.answers), r.measured_s),
                  static_cast<unsigned long long>(s.answers));
    out << line;
    const Histogram& h = s.latency_us;
    auto ms = [](std::uint64_t us) { return static_cast<double>(us) / 1000.0; };
    std::snprintf(line, sizeof line, "latency ms    p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f\n",
                  ms(h.percentile(50)), ms(h.percentile(90)), ms(h.percentile(99)), ms(h.percentile(99.9)),
                  ms(h.max()));
    out << line;
    std::snprintf(line, sizeof line, "reply bytes   median %llu  max %llu\n",
                  static_cast<unsigned long long>(s.reply_bytes.percentile(50)),
                  static_cast<unsigned long long>(s.reply_bytes.max()));
    out << line;
    std::snprintf(
        line, sizeof line,
        "errors        %llu (error frames %llu, bad replies %llu, closed by server %llu, connect failures "
        "%llu, unanswered at the end %llu)\n",
        static_cast<unsigned long long>(errors_of(s)), static_cast<unsigned long long>(s.error_frames),
        static_cast<unsigned long long>(s.bad_replies), static_cast<unsigned long long>(s.closed),
        static_cast<unsigned long long>(s.connect_failed), static_cast<unsigned long long>(s.unanswered));
    out << line;
    for (const auto& [code, count] : s.close_codes) {
        out << "              close code " << code << ": " << count << "\n";
    }
    if (!s.first_error.empty()) out << "              first: " << s.first_error << "\n";
    std::snprintf(line, sizeof line, "connects      %llu in %.3f s (%.0f/s)\n",
                  static_cast<unsigned long long>(s.connected), r.connect_s,
                  per_second(static_cast<double>(s.connected), r.connect_s));
    out << line;
    if (const auto f = server_figures(r)) {
        std::snprintf(line, sizeof line,
                      "server        CPU %.1f µs/answer (%.2f cores), RSS %.1f MiB (peak %.1f MiB)\n",
                      f->cpu_us_per_answer, f->cores, f->rss_mib, f->peak_rss_mib);
        out << line;
    }
    std::snprintf(line, sizeof line, "load CPU      %.2f cores\n", per_second(r.own_cpu_s, r.measured_s));
    out << line;
}

void print_json(std::ostream& out, const Results& r) {
    const Stats& s = r.stats;
    const Options& o = r.options;
    const Histogram& h = s.latency_us;
    nlohmann::json close_codes = nlohmann::json::object();
    for (const auto& [code, count] : s.close_codes) close_codes[std::to_string(code)] = count;
    nlohmann::json j = {
        {"url", o.url},
        {"connections", o.connections},
        {"mode", o.rate > 0 ? "open" : "closed"},
        {"rate", o.rate},
        {"duration_s", o.duration_s},
        {"warmup_s", o.warmup_s},
        {"threads", o.threads},
        {"answers", s.answers},
        {"answers_per_s", per_second(static_cast<double>(s.answers), r.measured_s)},
        {"latency_us",
         {{"p50", h.percentile(50)},
          {"p90", h.percentile(90)},
          {"p99", h.percentile(99)},
          {"p99_9", h.percentile(99.9)},
          {"max", h.max()}}},
        {"reply_bytes", {{"median", s.reply_bytes.percentile(50)}, {"max", s.reply_bytes.max()}}},
        {"errors",
         {{"total", errors_of(s)},
          {"error_frames", s.error_frames},
          {"bad_replies", s.bad_replies},
          {"closed", s.closed},
          {"close_codes", close_codes},
          {"connect_failed", s.connect_failed},
          {"unanswered", s.unanswered},
          {"first", s.first_error}}},
        {"connects",
         {{"count", s.connected},
          {"seconds", r.connect_s},
          {"per_s", per_second(static_cast<double>(s.connected), r.connect_s)}}},
        {"load_cpu_cores", per_second(r.own_cpu_s, r.measured_s)},
    };
    if (const auto f = server_figures(r)) {
        j["server"] = {{"cpu_us_per_answer", f->cpu_us_per_answer},
                       {"cpu_cores", f->cores},
                       {"rss_mib", f->rss_mib},
                       {"peak_rss_mib", f->peak_rss_mib}};
    }
    out << j.dump() << "\n";
}

}  // namespace load
