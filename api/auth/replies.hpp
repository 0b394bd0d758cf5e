// What each protocol answers a request whose signature verify() refused (verify.hpp): the EC2
// Query error, the awsJson one (Systems Manager, Cost Explorer) or S3's with its extra elements.
// The texts are in api/protocol/wire_error_auth.hpp; this file only picks which.
#pragma once

#include "api/auth/verify.hpp"
#include "api/protocol/wire_error.hpp"
#include "api/protocol/wire_error_auth.hpp"

namespace amisim::auth {

protocol::WireError ec2_refusal(const AuthFailure& failure);
protocol::WireError json_refusal(const AuthFailure& failure);
protocol::wire_errors::S3Error s3_refusal(const AuthFailure& failure);

}  // namespace amisim::auth
