#include "registry/catalog.hpp"

#include <doctest/doctest.h>

using sagelint::registry::next_page;

TEST_CASE("the next page of a paginated list, from the Link header") {
  CHECK(next_page("</v2/_catalog?last=team0%2Fapp16&n=5>; rel=\"next\"") ==
        "_catalog?last=team0%2Fapp16&n=5");
  CHECK(next_page("<https://r.example/v2/a/b/tags/list?n=2&last=v1>; rel=\"next\"") ==
        "a/b/tags/list?n=2&last=v1");
  CHECK(next_page("</v2/_catalog?n=5>; rel=\"prev\", </v2/_catalog?last=x&n=5>; rel=\"next\"") ==
        "_catalog?last=x&n=5");
  CHECK(next_page("").empty());
  CHECK(next_page("</v2/_catalog?n=5>; rel=\"prev\"").empty());
  CHECK(next_page("<https://elsewhere/other?x>; rel=\"next\"").empty());  // not below /v2/
  CHECK(next_page("</v2/_catalog; rel=\"next\"").empty());                // no closing >
}
