// The grammar has no rule that can loop forever without consuming input
// (PEGTL's grammar analysis), for agreements and, through them, profiles.
#include <gtest/gtest.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/terms.hpp"

TEST(Grammar, AnalysisFindsNoProblems) {
  EXPECT_EQ(tao::pegtl::analyze<terms::grammar::file>(1), 0u);
}

TEST(Grammar, ProfileGrammarAnalysisFindsNoProblems) {
  EXPECT_EQ(tao::pegtl::analyze<terms::grammar::profile_decl>(1), 0u);
}
