#include "knowledge/opt_ml.hpp"

#include <doctest/doctest.h>

using namespace sagelint::knowledge;

TEST_CASE("each part of /opt/ml is classified by what Processing does with it") {
  CHECK(opt_ml_area("/opt/mlflow/x") == OptMlArea::outside);
  CHECK(opt_ml_area("/opt/ml") == OptMlArea::root);
  CHECK(opt_ml_area("/opt/ml/processing/input/code/p.py") == OptMlArea::processing_mounts);
  CHECK(opt_ml_area("/opt/ml/config/x.json") == OptMlArea::config_mount);
  CHECK(opt_ml_area("/opt/ml/output") == OptMlArea::output_mount);
  CHECK(opt_ml_area("/opt/ml/code/train.py") == OptMlArea::training_convention);
  CHECK(opt_ml_area("/opt/ml/model") == OptMlArea::training_convention);
  CHECK(opt_ml_area("/opt/ml/input/data/train") == OptMlArea::training_convention);
  CHECK(opt_ml_area("/opt/ml/codebase/x") == OptMlArea::reserved);
}

TEST_CASE("the reasons say whether Processing mounts the path and why the data should move") {
  auto mounted = opt_ml_data_reason("/opt/ml/processing/input/data/x.csv");
  CHECK(mounted.find("mounts the job's input and output LocalPaths") != std::string::npos);
  CHECK(opt_ml_data_reason("/opt/ml/output/x").find("fresh, empty /opt/ml/output") !=
        std::string::npos);
  auto convention = opt_ml_data_reason("/opt/ml/code/train.py");
  CHECK(convention.find("/opt/ml/code is a training/inference convention that Processing does "
                        "not mount") != std::string::npos);
  CHECK(convention.find("reserves all of /opt/ml") != std::string::npos);
  CHECK(opt_ml_data_reason("/opt/ml/extra/x").find("does not mount /opt/ml/extra") !=
        std::string::npos);
  CHECK(opt_ml_directory_reason("/opt/ml/model", true).find("drop the VOLUME") !=
        std::string::npos);
  CHECK(opt_ml_directory_reason("/opt/ml/processing", true).find("anonymous volume") !=
        std::string::npos);
  CHECK(opt_ml_directory_reason("/opt/ml", false).find("among the job's mounts") !=
        std::string::npos);
}
