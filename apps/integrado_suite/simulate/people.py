"""The simulated office's people and their work: operators, callers, what callers call about,
the notes operators write and the projects they break into tasks.

Fixed lists, not generated text: they read like a Brazilian call center's day, and a seed picks
the same names and subjects on every machine.
"""

from __future__ import annotations

import random
from unicodedata import combining, normalize

from integrado.events import Actor

OPERATORS: tuple[str, ...] = (
    "Ana Paula Ribeiro",
    "João Pereira",
    "Mariana Costa",
    "Carlos Eduardo Souza",
    "Fernanda Lima",
    "Rafael Oliveira",
    "Juliana Martins",
    "Thiago Almeida",
    "Camila Rocha",
    "Lucas Ferreira",
    "Beatriz Carvalho",
    "Gustavo Nascimento",
    "Larissa Gomes",
    "Pedro Henrique Alves",
    "Aline Barbosa",
    "Rodrigo Teixeira",
    "Patrícia Mendes",
    "Felipe Araújo",
    "Renata Cardoso",
    "Marcelo Dias",
)

CALLER_FIRST_NAMES = (
    "Maria", "José", "Antônia", "Francisco", "Adriana", "Paulo", "Luciana", "Marcos", "Sandra", "Roberto",
    "Cláudia", "Sérgio", "Vanessa", "André", "Simone", "Fábio", "Daniela", "Leandro", "Priscila", "Ricardo",
    "Tatiane", "Alexandre", "Débora", "Vinícius", "Raimunda", "Sebastião", "Elaine", "Márcio", "Jéssica", "Otávio",
)  # fmt: skip
CALLER_LAST_NAMES = (
    "da Silva", "dos Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes",
    "Ribeiro", "Carvalho", "Monteiro", "Moura", "Cavalcanti", "Nogueira", "Freitas", "Barros", "Pinto", "Azevedo",
)  # fmt: skip
COMPANIES = (
    "Padaria Pão Dourado", "Farmácia São Bento", "Auto Peças Rio Grande", "Escritório Contábil Horizonte",
    "Clínica Vida Plena", "Supermercado Bom Preço", "Colégio Monte Azul", "Transportadora Via Sul",
)  # fmt: skip
AREA_CODES = ("11", "21", "31", "41", "47", "48", "51", "54", "61", "71", "81", "85")

# (subject, category, description)
SUBJECTS: tuple[tuple[str, str, str], ...] = (
    ("Internet caiu no escritório", "Rede", "Sem conexão em todas as máquinas desde as 8h."),
    ("Impressora do financeiro não imprime", "Hardware", "Fila de impressão travada, papel não sai."),
    ("Esqueci a senha do sistema", "Acesso / senha", "Bloqueado após três tentativas."),
    ("Boleto com valor errado", "Financeiro", "Valor do boleto de novembro veio em dobro."),
    ("Computador muito lento", "Hardware", "Demora vários minutos para abrir o e-mail."),
    ("Erro ao emitir nota fiscal", "Software", "Mensagem de rejeição 539 ao transmitir a NF-e."),
    ("Ramal sem sinal", "Telefonia", "Ramal 214 mudo desde ontem à tarde."),
    ("Não consigo acessar o e-mail", "Acesso / senha", "Webmail pede senha e não aceita."),
    ("Wi-Fi da sala de reuniões instável", "Rede", "Cai a cada poucos minutos durante as reuniões."),
    ("Segunda via de fatura", "Financeiro", "Cliente precisa da fatura de outubro para reembolso."),
    ("Sistema de ponto fora do ar", "Software", "Funcionários não conseguem registrar a entrada."),
    ("Monitor piscando", "Hardware", "Tela pisca e fica preta por alguns segundos."),
    ("VPN não conecta de casa", "Rede", "Erro de autenticação na VPN desde a troca de senha."),
    ("Cobrança em duplicidade no cartão", "Financeiro", "Duas cobranças iguais na fatura do cartão."),
    ("Atualização do Windows travada", "Software", "Atualização parada em 35% há duas horas."),
    ("Troca de toner", "Hardware", "Toner da impressora da recepção acabou."),
    ("Cancelamento de contrato", "Comercial", "Cliente deseja cancelar o plano no fim do mês."),
    ("Alteração de endereço de entrega", "Comercial", "Mudança de endereço a partir da próxima entrega."),
)
NOTES = (
    "Cliente informou que o problema persiste após reiniciar.",
    "Liguei de volta, sem resposta; nova tentativa à tarde.",
    "Acesso remoto realizado, coletados os logs.",
    "Encaminhado ao suporte de segundo nível.",
    "Cliente enviou foto da mensagem de erro por e-mail.",
    "Aguardando o técnico de campo confirmar o horário.",
    "Orientei o cliente a testar em outro computador.",
    "Fornecedor abriu chamado interno, protocolo anotado.",
)
WAITING_NOTES = (
    "Aguardando retorno do cliente com o número do contrato.",
    "Aguardando peça do fornecedor.",
    "Aguardando autorização do gestor do cliente.",
)
RESOLUTIONS = (
    "Problema resolvido remotamente.",
    "Senha redefinida e acesso confirmado com o cliente.",
    "Equipamento substituído.",
    "Orientado por telefone; cliente confirmou que funcionou.",
    "Estorno solicitado ao financeiro.",
    "Configuração corrigida e testada.",
)
# A project (root task) and the subtasks operators break it into.
PROJECTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Preparar relatório mensal de atendimento", ("Exportar chamados do mês", "Calcular SLA por fila",
     "Montar gráficos", "Revisar com a coordenação")),
    ("Treinamento de novos atendentes", ("Reservar sala", "Preparar material", "Agendar turma",
     "Aplicar avaliação")),
    ("Migração do ramal para VoIP", ("Levantar ramais ativos", "Configurar aparelhos", "Testar chamadas",
     "Desligar central antiga")),
    ("Auditoria de acessos", ("Listar usuários ativos", "Revogar acessos de desligados",
     "Conferir permissões do financeiro")),
    ("Campanha de pesquisa de satisfação", ("Definir perguntas", "Selecionar clientes", "Enviar pesquisa",
     "Consolidar respostas")),
    ("Revisão da base de conhecimento", ("Atualizar artigo de VPN", "Atualizar artigo de senha",
     "Publicar novos artigos")),
    ("Inventário de equipamentos", ("Conferir notebooks", "Conferir impressoras", "Etiquetar monitores")),
    ("Plano de contingência do atendimento", ("Mapear riscos", "Definir escala de plantão",
     "Testar linha reserva")),
)  # fmt: skip
# Subtasks of a subtask, where no project list fits.
DETAIL_STEPS = ("Verificar pendências", "Confirmar com o cliente", "Registrar evidências", "Enviar e-mail de retorno")


def operator_login(name: str) -> str:
    """ "Ana Paula Ribeiro" -> "ana.ribeiro" (first and last name, no accents), like office logins."""
    plain = "".join(c for c in normalize("NFKD", name) if not combining(c)).lower().split()
    return f"{plain[0]}.{plain[-1]}"


def operator_actor(index: int, name: str) -> Actor:
    """Who the events of the `index`-th simulated operator name: their login on PC "simulador-NN"."""
    return Actor(user=operator_login(name), host=f"simulador-{index + 1:02d}")


def caller_name(rng: random.Random) -> str:
    """A caller: a person, now and then on behalf of a small business."""
    name = f"{rng.choice(CALLER_FIRST_NAMES)} {rng.choice(CALLER_LAST_NAMES)}"
    if rng.random() < 0.25:
        name = f"{name} ({rng.choice(COMPANIES)})"
    return name


def phone_number(rng: random.Random) -> str:
    """A Brazilian mobile number: "(11) 91234-5678"."""
    return f"({rng.choice(AREA_CODES)}) 9{rng.randint(1000, 9999)}-{rng.randint(0, 9999):04d}"
