#!/usr/bin/env bash
# Runs the OS-installed RabbitMQ server as an Aspire executable resource, private to this AppHost.
# In: RABBITMQ_DATA, RABBITMQ_NODE_PORT and RABBITMQ_DIST_PORT (allocated by Aspire), RABBITMQ_PASSWORD,
#     ERL_EPMD_PORT (the private epmd resource).
set -euo pipefail

: "${RABBITMQ_DATA:?}" "${RABBITMQ_NODE_PORT:?}" "${RABBITMQ_DIST_PORT:?}" "${RABBITMQ_PASSWORD:?}" "${ERL_EPMD_PORT:?}"
mkdir -p "$RABBITMQ_DATA/mnesia" "$RABBITMQ_DATA/log"

cat > "$RABBITMQ_DATA/rabbitmq.conf" <<CONF
default_user = platform
default_pass = $RABBITMQ_PASSWORD
loopback_users = none
CONF
: > "$RABBITMQ_DATA/rabbitmq-env.conf"
echo '[].' > "$RABBITMQ_DATA/enabled_plugins"

export HOME="$RABBITMQ_DATA"
export RABBITMQ_NODENAME="platform-$(printf '%s' "$RABBITMQ_DATA" | sha1sum | cut -c1-12)@localhost"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_MNESIA_BASE="$RABBITMQ_DATA/mnesia"
export RABBITMQ_LOG_BASE="$RABBITMQ_DATA/log"
export RABBITMQ_LOGS=-
export RABBITMQ_CONFIG_FILE="$RABBITMQ_DATA/rabbitmq.conf"
export RABBITMQ_CONF_ENV_FILE="$RABBITMQ_DATA/rabbitmq-env.conf"
export RABBITMQ_ENABLED_PLUGINS_FILE="$RABBITMQ_DATA/enabled_plugins"
export RABBITMQ_PID_FILE="$RABBITMQ_DATA/rabbitmq.pid"
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1} -start_epmd false"
export ERL_EPMD_ADDRESS=127.0.0.1

exec /usr/lib/rabbitmq/bin/rabbitmq-server
