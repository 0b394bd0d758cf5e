// The ceiling for bench/http/run.sh: amisim's HTTP server core (api/http, Boost.Beast) answering
// every request with one fixed 800-byte EC2 XML body. Whatever amisim serve loses against this is
// the cost of the gateway, parser, model and XML writer.
//
// usage: amisim_bare_http   (prints "listening on http://127.0.0.1:PORT", stops on SIGINT/TERM)
#include <cstdio>
#include <string>

#include "api/http/server.hpp"

int main() {
  std::string body =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeImagesResponse "
      "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>00000000-0000-4000-8000-"
      "000000000000</requestId><imagesSet><item><imageId>ami-0123456789abcdef0</imageId>"
      "<imageLocation>amazon/al2023-ami</imageLocation><imageState>available</imageState>"
      "<imageOwnerId>137112412989</imageOwnerId><creationDate>2025-02-20T21:32:31.000Z"
      "</creationDate><isPublic>true</isPublic><architecture>x86_64</architecture><imageType>"
      "machine</imageType><name>al2023-ami</name><rootDeviceType>ebs</rootDeviceType>"
      "</item></imagesSet></DescribeImagesResponse>";
  body.resize(800, ' ');
  amisim::http::ServerOptions options;
  amisim::http::Server server(options, [&body](const amisim::http::HttpRequest&) {
    amisim::http::HttpResponse r;
    r.headers.add("Content-Type", "text/xml;charset=UTF-8");
    r.body = body;
    return r;
  });
  auto started = server.start();
  if (!started.ok()) {
    std::fprintf(stderr, "%s\n", started.error.c_str());
    return 1;
  }
  std::printf("listening on http://127.0.0.1:%u\n", static_cast<unsigned>(started.port));
  std::fflush(stdout);
  server.run_until_signal();
  return 0;
}
