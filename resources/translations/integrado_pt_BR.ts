<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name></name>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Calls opened</source>
        <translation>Chamados abertos</translation>
    </message>
    <message>
        <source>Calls closed</source>
        <translation>Chamados encerrados</translation>
    </message>
    <message>
        <source>SLA met</source>
        <translation>SLA cumprido</translation>
    </message>
    <message>
        <source>%1 of %2 calls</source>
        <translation>%1 de %2 chamados</translation>
    </message>
    <message>
        <source>Reopen rate</source>
        <translation>Taxa de reabertura</translation>
    </message>
    <message>
        <source>of the calls closed</source>
        <translation>dos chamados encerrados</translation>
    </message>
    <message>
        <source>First action</source>
        <translation>Primeira ação</translation>
    </message>
    <message>
        <source>median · p90 %1</source>
        <translation>mediana · p90 %1</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolução</translation>
    </message>
    <message>
        <source>Tasks completed</source>
        <translation>Tarefas concluídas</translation>
    </message>
    <message>
        <source>%1 created</source>
        <translation>%1 criadas</translation>
    </message>
    <message>
        <source>Tasks overdue</source>
        <translation>Tarefas atrasadas</translation>
    </message>
    <message>
        <source>at the end of the period</source>
        <translation>no fim do período</translation>
    </message>
    <message>
        <source>No calls in this period</source>
        <translation>Nenhum chamado neste período</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Abertos</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Encerrados</translation>
    </message>
    <message>
        <source>First action (median)</source>
        <translation>Primeira ação (mediana)</translation>
    </message>
    <message>
        <source>First action (p90)</source>
        <translation>Primeira ação (p90)</translation>
    </message>
    <message>
        <source>Resolution (median)</source>
        <translation>Resolução (mediana)</translation>
    </message>
    <message>
        <source>Resolution (p90)</source>
        <translation>Resolução (p90)</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Reabertos</translation>
    </message>
    <message>
        <source>Per operator</source>
        <translation>Por operador</translation>
    </message>
    <message>
        <source>Per category</source>
        <translation>Por categoria</translation>
    </message>
    <message>
        <source>Operations report</source>
        <translation>Relatório de operações</translation>
    </message>
    <message>
        <source>Daily operations report</source>
        <translation>Relatório diário de operações</translation>
    </message>
    <message>
        <source>Weekly operations report</source>
        <translation>Relatório semanal de operações</translation>
    </message>
    <message>
        <source>Times in office hours (%1 calendar)</source>
        <translation>Tempos em horário comercial (calendário %1)</translation>
    </message>
    <message>
        <source>Times around the clock (%1)</source>
        <translation>Tempos corridos (%1)</translation>
    </message>
    <message>
        <source>generated %1</source>
        <translation>gerado em %1</translation>
    </message>
    <message>
        <source>Calls by operator</source>
        <translation>Chamados por operador</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>abertas</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>encerrado</translation>
    </message>
    <message>
        <source>SLA missed</source>
        <translation>SLA estourado</translation>
    </message>
    <message>
        <source>Calls by day</source>
        <translation>Chamados por dia</translation>
    </message>
    <message>
        <source>Calls by category</source>
        <translation>Chamados por categoria</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>(invalid URL)</source>
        <translation>(URL inválida)</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>Sobre o %1</translation>
    </message>
    <message>
        <source>Integrado call-center suite</source>
        <translation>Suíte de atendimento Integrado</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Versão:</translation>
    </message>
    <message>
        <source>Redis server:</source>
        <translation>Servidor Redis:</translation>
    </message>
    <message>
        <source>Database (%1):</source>
        <translation>Banco de dados (%1):</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Pasta de dados:</translation>
    </message>
    <message>
        <source>Log folder:</source>
        <translation>Pasta de logs:</translation>
    </message>
    <message>
        <source>Runtime:</source>
        <translation>Ambiente:</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>chamados</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>tarefas</translation>
    </message>
    <message>
        <source>event history</source>
        <translation>histórico de eventos</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>&amp;About %1</source>
        <translation>&amp;Sobre o %1</translation>
    </message>
</context>
<context>
    <name>AlertNotifier</name>
    <message>
        <source>Integrado — alerts</source>
        <translation>Integrado — alertas</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerta</translation>
    </message>
    <message>
        <source>{0} alerts</source>
        <translation>{0} alertas</translation>
    </message>
</context>
<context>
    <name>AlertRulesDialog</name>
    <message>
        <source>Alert rules</source>
        <translation>Regras de alerta</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source> calls</source>
        <translation> chamados</translation>
    </message>
    <message>
        <source>Beep when an alert is raised</source>
        <translation>Emitir um bipe quando um alerta for disparado</translation>
    </message>
    <message>
        <source>These rules apply to this console; the settings file gives the office&apos;s defaults.</source>
        <translation>Estas regras valem para este console; o arquivo de configurações define os padrões do escritório.</translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <source>Call {subject}: SLA breached {value} min ago</source>
        <translation>Chamado {subject}: SLA estourado há {value} min</translation>
    </message>
    <message>
        <source>Call {subject}: SLA due in {value} min</source>
        <translation>Chamado {subject}: SLA vence em {value} min</translation>
    </message>
    <message>
        <source>Call {subject}: unassigned for {value} min</source>
        <translation>Chamado {subject}: sem responsável há {value} min</translation>
    </message>
    <message>
        <source>{value} calls waiting for a first action (more than {threshold})</source>
        <translation>{value} chamados aguardando primeiro atendimento (mais de {threshold})</translation>
    </message>
    <message>
        <source>Events missing or rejected: {subject}</source>
        <translation>Eventos faltando ou rejeitados: {subject}</translation>
    </message>
    <message>
        <source>Connection lost for {value} s ({subject})</source>
        <translation>Conexão perdida há {value} s ({subject})</translation>
    </message>
    <message>
        <source>{subject}: no activity for {value} min</source>
        <translation>{subject}: sem atividade há {value} min</translation>
    </message>
    <message>
        <source>raised</source>
        <translation>disparado</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>reconhecido</translation>
    </message>
    <message>
        <source>cleared</source>
        <translation>encerrado</translation>
    </message>
    <message>
        <source>snoozed on this console until {0}</source>
        <translation>adiado neste console até {0}</translation>
    </message>
    <message>
        <source>SLA breached</source>
        <translation>SLA estourado</translation>
    </message>
    <message>
        <source>SLA due within N minutes</source>
        <translation>SLA vence em N minutos</translation>
    </message>
    <message>
        <source>Call unassigned for N minutes</source>
        <translation>Chamado sem responsável há N minutos</translation>
    </message>
    <message>
        <source>Calls waiting above N</source>
        <translation>Mais de N chamados aguardando</translation>
    </message>
    <message>
        <source>A gap or a rejected event</source>
        <translation>Lacuna ou evento rejeitado</translation>
    </message>
    <message>
        <source>Connection lost for N seconds</source>
        <translation>Conexão perdida há N segundos</translation>
    </message>
    <message>
        <source>Operator idle for N minutes during the shift</source>
        <translation>Operador sem atividade há N minutos no expediente</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <source>Alerts</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <source>Alert history</source>
        <translation>Histórico de alertas</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Reconhecer</translation>
    </message>
    <message>
        <source>Snooze 15 min</source>
        <translation>Adiar 15 min</translation>
    </message>
    <message>
        <source>Rules…</source>
        <translation>Regras…</translation>
    </message>
    <message>
        <source>NEW</source>
        <translation>NOVO</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>reconhecido</translation>
    </message>
    <message>
        <source>snoozed</source>
        <translation>adiado</translation>
    </message>
    <message>
        <source>active</source>
        <translation>ativo</translation>
    </message>
    <message>
        <source>over</source>
        <translation>encerrado</translation>
    </message>
</context>
<context>
    <name>AuditTrailModel</name>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Máquina</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Alterações</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumo</translation>
    </message>
</context>
<context>
    <name>CallController</name>
    <message>
        <source>Loading calls…</source>
        <translation>Carregando chamados…</translation>
    </message>
    <message>
        <source>Unsent draft restored.</source>
        <translation>Rascunho não enviado restaurado.</translation>
    </message>
    <message>
        <source>Only the newest calls are shown: the rest could not be read.</source>
        <translation>Só os chamados mais recentes são mostrados: o restante não pôde ser lido.</translation>
    </message>
    <message>
        <source>List reloaded.</source>
        <translation>Lista recarregada.</translation>
    </message>
    <message>
        <source>Call #%1 registered for %2.</source>
        <translation>Chamado nº %1 registrado para %2.</translation>
    </message>
    <message>
        <source>Call #%1 saved.</source>
        <translation>Chamado nº %1 salvo.</translation>
    </message>
    <message>
        <source>Call #%1: %2.</source>
        <translation>Chamado nº %1: %2.</translation>
    </message>
    <message>
        <source>Call #%1 closed.</source>
        <translation>Chamado nº %1 encerrado.</translation>
    </message>
    <message>
        <source>Call #%1 reopened.</source>
        <translation>Chamado nº %1 reaberto.</translation>
    </message>
    <message>
        <source>Call #%1 assigned to you.</source>
        <translation>Chamado nº %1 atribuído a você.</translation>
    </message>
    <message>
        <source>Call #%1 assigned to %2.</source>
        <translation>Chamado nº %1 atribuído a %2.</translation>
    </message>
    <message>
        <source>Call #%1 unassigned.</source>
        <translation>Chamado nº %1 ficou sem responsável.</translation>
    </message>
    <message>
        <source>Note added to call #%1.</source>
        <translation>Observação adicionada ao chamado nº %1.</translation>
    </message>
    <message>
        <source>Delete call</source>
        <translation>Excluir chamado</translation>
    </message>
    <message>
        <source>Delete call #%1 (%2)? You can undo this from the status bar or with Ctrl+Z.</source>
        <translation>Excluir o chamado nº %1 (%2)? Você pode desfazer pela barra de status ou com Ctrl+Z.</translation>
    </message>
    <message>
        <source>Undo delete #%1</source>
        <translation>Desfazer exclusão do nº %1</translation>
    </message>
    <message>
        <source>Call #%1 deleted. Ctrl+Z undoes it.</source>
        <translation>Chamado nº %1 excluído. Ctrl+Z desfaz.</translation>
    </message>
    <message>
        <source>Call #%1 restored.</source>
        <translation>Chamado nº %1 restaurado.</translation>
    </message>
    <message>
        <source>%1 changed this call at %2 while you were editing. Saving now will be refused; reload to see their version.</source>
        <translation>%1 alterou este chamado às %2 enquanto você editava. Salvar agora será recusado; recarregue para ver a versão atual.</translation>
    </message>
</context>
<context>
    <name>CallDetailPane</name>
    <message>
        <source>Reload</source>
        <translation>Recarregar</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Wait on caller</source>
        <translation>Aguardar cliente</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resolver</translation>
    </message>
    <message>
        <source>Close…</source>
        <translation>Encerrar…</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation>Atribuir a mim</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Excluir…</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>Assigned operator</source>
        <translation>Operador responsável</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Atribuir</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Salvar alterações</translation>
    </message>
    <message>
        <source>Save the edited fields (Ctrl+S)</source>
        <translation>Salvar os campos editados (Ctrl+S)</translation>
    </message>
    <message>
        <source>History of the call</source>
        <translation>Histórico do chamado</translation>
    </message>
    <message>
        <source>New note</source>
        <translation>Nova anotação</translation>
    </message>
    <message>
        <source>Ctrl+Enter adds the note to the call.</source>
        <translation>Ctrl+Enter adiciona a anotação ao chamado.</translation>
    </message>
    <message>
        <source>Add a note… (Ctrl+Enter)</source>
        <translation>Adicionar uma observação… (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Adicionar observação</translation>
    </message>
    <message>
        <source>Priority from</source>
        <translation>Prioridade por</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Aberto em</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Solução</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Histórico</translation>
    </message>
    <message>
        <source>Select a call, or press Ctrl+N to register one.</source>
        <translation>Selecione um chamado ou pressione Ctrl+N para registrar um novo.</translation>
    </message>
    <message>
        <source>(unassigned)</source>
        <translation>(sem responsável)</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 por %2</translation>
    </message>
    <message>
        <source>%1 (due %2)</source>
        <translation>%1 (prazo %2)</translation>
    </message>
    <message>
        <source>Call registered: %1</source>
        <translation>Chamado registrado: %1</translation>
    </message>
    <message>
        <source>Reopened: %1 → %2</source>
        <translation>Reaberto: %1 → %2</translation>
    </message>
    <message>
        <source>Status: %1 → %2</source>
        <translation>Situação: %1 → %2</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Observação: %1</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>Atribuído a %1</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sem responsável</translation>
    </message>
    <message>
        <source>Edited: %1</source>
        <translation>Editado: %1</translation>
    </message>
    <message>
        <source>Closed. Resolution: %1</source>
        <translation>Encerrado. Solução: %1</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Excluído</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Restaurado</translation>
    </message>
</context>
<context>
    <name>CallError</name>
    <message>
        <source>Not saved: {user} changed call #{id} at {time}, after you opened it. Reload to see the current version, then apply your change again.</source>
        <translation>Não salvo: {user} alterou o chamado nº {id} em {time}, depois que você o abriu. Recarregue para ver a versão atual e aplique sua alteração novamente.</translation>
    </message>
    <message>
        <source>Not saved: another operator changed call #{id} after you opened it. Reload to see the current version, then apply your change again.</source>
        <translation>Não salvo: outro operador alterou o chamado nº {id} depois que você o abriu. Recarregue para ver a versão atual e aplique sua alteração novamente.</translation>
    </message>
    <message>
        <source>A call cannot go from {old} to {new}.</source>
        <translation>Um chamado não pode passar de {old} para {new}.</translation>
    </message>
    <message>
        <source>Call #{id} no longer exists.</source>
        <translation>O chamado nº {id} não existe mais.</translation>
    </message>
    <message>
        <source>Not saved: the calls database cannot be reached. Nothing was written and what you typed is kept; try again in a moment. If this goes on, tell the office&apos;s administrator.</source>
        <translation>Não salvo: o banco de dados de chamados está inacessível. Nada foi gravado e o que você digitou foi mantido; tente de novo em instantes. Se continuar, avise o administrador do escritório.</translation>
    </message>
    <message>
        <source>The calls database cannot be reached: the list may be out of date until it is back.</source>
        <translation>O banco de dados de chamados está inacessível: a lista pode estar desatualizada até ele voltar.</translation>
    </message>
    <message>
        <source>You may not do this: only a supervisor may delete calls.</source>
        <translation>Você não pode fazer isto: só um supervisor pode excluir chamados.</translation>
    </message>
    <message>
        <source>You may not do this: only a supervisor may restore deleted calls.</source>
        <translation>Você não pode fazer isto: só um supervisor pode restaurar chamados excluídos.</translation>
    </message>
    <message>
        <source>You may not do this: only a supervisor may reopen a closed call.</source>
        <translation>Você não pode fazer isto: só um supervisor pode reabrir um chamado fechado.</translation>
    </message>
    <message>
        <source>You may not do this: only a supervisor may give a call that is not yours to another operator.</source>
        <translation>Você não pode fazer isto: só um supervisor pode passar a outro operador um chamado que não é seu.</translation>
    </message>
    <message>
        <source>You may not do this: only the operator the call is assigned to, or a supervisor, may change it.</source>
        <translation>Você não pode fazer isto: só o operador responsável pelo chamado, ou um supervisor, pode alterá-lo.</translation>
    </message>
    <message>
        <source>You may not do this: only a supervisor may change the SLA settings.</source>
        <translation>Você não pode fazer isto: só um supervisor pode alterar as configurações de SLA.</translation>
    </message>
    <message>
        <source>You may not do this: your role does not allow it. Nothing was saved.</source>
        <translation>Você não pode fazer isto: seu perfil não permite. Nada foi salvo.</translation>
    </message>
    <message>
        <source>Your access was removed: this login may no longer use the calls database. Nothing was saved and what you typed is kept. Ask the office&apos;s administrator.</source>
        <translation>Seu acesso foi removido: este usuário não pode mais usar o banco de chamados. Nada foi salvo e o que você digitou foi mantido. Fale com o administrador do escritório.</translation>
    </message>
    <message>
        <source>{field} is required.</source>
        <translation>O campo {field} é obrigatório.</translation>
    </message>
    <message>
        <source>{field} is too long ({length} characters, at most {limit}).</source>
        <translation>O campo {field} está longo demais ({length} caracteres; o máximo é {limit}).</translation>
    </message>
    <message>
        <source>{field} contains control or invisible formatting characters.</source>
        <translation>O campo {field} contém caracteres de controle ou de formatação invisíveis.</translation>
    </message>
    <message>
        <source>{field} may only contain digits, spaces and ( ) + - . /</source>
        <translation>O campo {field} só aceita dígitos, espaços e ( ) + - . /</translation>
    </message>
    <message>
        <source>{field} must have between {min} and {max} digits.</source>
        <translation>O campo {field} deve ter entre {min} e {max} dígitos.</translation>
    </message>
    <message>
        <source>{field} must be Low, Medium or High.</source>
        <translation>O campo {field} deve ser Baixa, Média ou Alta.</translation>
    </message>
    <message>
        <source>“{value}” is not a known channel.</source>
        <translation>“{value}” não é um canal conhecido.</translation>
    </message>
    <message>
        <source>The disk is full: the call was not saved. Free some space and try again.</source>
        <translation>O disco está cheio: o chamado não foi salvo. Libere espaço e tente de novo.</translation>
    </message>
    <message>
        <source>Not saved: the calls database is read-only (its file or folder cannot be written). Nothing was written and what you typed is kept; tell the office&apos;s administrator.</source>
        <translation>Não salvo: o banco de dados de chamados está somente leitura (o arquivo ou a pasta não pode ser gravado). Nada foi gravado e o que você digitou foi mantido; avise o administrador do escritório.</translation>
    </message>
    <message>
        <source>This change cannot be sent as an event ({reason}); nothing was saved.</source>
        <translation>Esta alteração não pode ser enviada como evento ({reason}); nada foi salvo.</translation>
    </message>
</context>
<context>
    <name>CallForm</name>
    <message>
        <source>Who is calling?</source>
        <translation>Quem está ligando?</translation>
    </message>
    <message>
        <source>(51) 99999-0000</source>
        <translation>(51) 99999-0000</translation>
    </message>
    <message>
        <source>Earlier calls from this caller</source>
        <translation>Chamados anteriores deste solicitante</translation>
    </message>
    <message>
        <source>Press Enter on a call to open it.</source>
        <translation>Pressione Enter em um chamado para abri-lo.</translation>
    </message>
    <message>
        <source>One line: what is the problem?</source>
        <translation>Em uma linha: qual é o problema?</translation>
    </message>
    <message>
        <source>Details, error messages, what was tried…</source>
        <translation>Detalhes, mensagens de erro, o que já foi tentado…</translation>
    </message>
    <message>
        <source>Register call</source>
        <translation>Registrar chamado</translation>
    </message>
    <message>
        <source>Register the call (Ctrl+Enter anywhere in the form, Enter in its last fields)</source>
        <translation>Registrar o chamado (Ctrl+Enter em qualquer campo, Enter nos últimos campos)</translation>
    </message>
    <message>
        <source>Calle&amp;r</source>
        <translation>C&amp;liente</translation>
    </message>
    <message>
        <source>Cha&amp;nnel</source>
        <translation>Ca&amp;nal</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Limpar</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Telefone</translation>
    </message>
    <message>
        <source>&amp;Subject</source>
        <translation>A&amp;ssunto</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Descrição</translation>
    </message>
    <message>
        <source>Ca&amp;tegory</source>
        <translation>Cate&amp;goria</translation>
    </message>
    <message>
        <source>&amp;Urgency</source>
        <translation>U&amp;rgência</translation>
    </message>
    <message>
        <source>&amp;Impact</source>
        <translation>&amp;Impacto</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridade</translation>
    </message>
    <message>
        <source>#%1 · %2 · %3 · %4</source>
        <translation>nº %1 · %2 · %3 · %4</translation>
    </message>
    <message numerus="yes">
        <source>Repeat caller: %n open call(s)</source>
        <translation>
            <numerusform>Cliente recorrente: %n chamado aberto</numerusform>
            <numerusform>Cliente recorrente: %n chamados abertos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallMainWindow</name>
    <message>
        <source>CallSystem — %1</source>
        <translation>CallSystem — %1</translation>
    </message>
    <message>
        <source>Search calls</source>
        <translation>Buscar chamados</translation>
    </message>
    <message>
        <source>Caller, phone, subject or #number; Ctrl+F comes back here.</source>
        <translation>Solicitante, telefone, assunto ou #número; Ctrl+F volta para cá.</translation>
    </message>
    <message>
        <source>Search caller, phone, subject, #number  (Ctrl+F)</source>
        <translation>Buscar cliente, telefone, assunto, nº  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Which calls to list, by status</source>
        <translation>Quais chamados listar, por status</translation>
    </message>
    <message>
        <source>Not closed</source>
        <translation>Não encerrados</translation>
    </message>
    <message>
        <source>All calls</source>
        <translation>Todos os chamados</translation>
    </message>
    <message>
        <source>Deleted (bin)</source>
        <translation>Excluídos (lixeira)</translation>
    </message>
    <message>
        <source>Which calls to list, by priority</source>
        <translation>Quais chamados listar, por prioridade</translation>
    </message>
    <message>
        <source>Any priority</source>
        <translation>Qualquer prioridade</translation>
    </message>
    <message>
        <source>Which calls to list, by assigned operator</source>
        <translation>Quais chamados listar, por operador responsável</translation>
    </message>
    <message>
        <source>Any operator</source>
        <translation>Qualquer operador</translation>
    </message>
    <message>
        <source>My calls</source>
        <translation>Meus chamados</translation>
    </message>
    <message>
        <source>Only calls assigned to me (Ctrl+M)</source>
        <translation>Somente chamados atribuídos a mim (Ctrl+M)</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filtros</translation>
    </message>
    <message>
        <source>New call</source>
        <translation>Novo chamado</translation>
    </message>
    <message>
        <source>Register a new call (Ctrl+N)</source>
        <translation>Registrar um novo chamado (Ctrl+N)</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Chamados</translation>
    </message>
    <message>
        <source>One row per call; Enter opens it in the detail pane.</source>
        <translation>Uma linha por chamado; Enter o abre no painel de detalhes.</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>Desfazer exclusão</translation>
    </message>
    <message>
        <source>&amp;New call</source>
        <translation>&amp;Novo chamado</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <source>Go to the &amp;list</source>
        <translation>Ir para a &amp;lista</translation>
    </message>
    <message>
        <source>Ne&amp;xt call</source>
        <translation>&amp;Próximo chamado</translation>
    </message>
    <message>
        <source>&amp;Previous call</source>
        <translation>Chamado &amp;anterior</translation>
    </message>
    <message>
        <source>&amp;My calls</source>
        <translation>&amp;Meus chamados</translation>
    </message>
    <message>
        <source>S&amp;tart (in progress)</source>
        <translation>&amp;Iniciar (em andamento)</translation>
    </message>
    <message>
        <source>&amp;Wait on caller</source>
        <translation>A&amp;guardar cliente</translation>
    </message>
    <message>
        <source>&amp;Resolve</source>
        <translation>&amp;Resolver</translation>
    </message>
    <message>
        <source>&amp;Close call…</source>
        <translation>&amp;Encerrar chamado…</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>Reab&amp;rir</translation>
    </message>
    <message>
        <source>&amp;Assign to me</source>
        <translation>A&amp;tribuir a mim</translation>
    </message>
    <message>
        <source>Add &amp;note</source>
        <translation>Adicionar &amp;observação</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>&amp;Salvar alterações</translation>
    </message>
    <message>
        <source>&amp;Delete call…</source>
        <translation>E&amp;xcluir chamado…</translation>
    </message>
    <message>
        <source>&amp;Undo delete</source>
        <translation>&amp;Desfazer exclusão</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Re&amp;carregar</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atalhos de &amp;teclado</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Call</source>
        <translation>&amp;Chamado</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Exibir</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>Register the call (in the form) / add the note / close the call (in its dialog)</source>
        <translation>Registrar o chamado (no formulário) / adicionar a observação / encerrar o chamado (no diálogo)</translation>
    </message>
    <message>
        <source>In the form: next field; in its last fields (category to impact): register</source>
        <translation>No formulário: próximo campo; nos últimos campos (categoria a impacto): registrar</translation>
    </message>
    <message>
        <source>Next / previous field</source>
        <translation>Próximo / campo anterior</translation>
    </message>
    <message>
        <source>In the list: go to the call&apos;s fields below</source>
        <translation>Na lista: ir para os campos do chamado, abaixo</translation>
    </message>
    <message>
        <source>In the search box: go to the results / empty the search</source>
        <translation>Na caixa de busca: ir para os resultados / limpar a busca</translation>
    </message>
    <message>
        <source>Move in the list</source>
        <translation>Mover-se na lista</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Alterações não salvas</translation>
    </message>
    <message>
        <source>Call #%1 (%2) has changes that are not saved.</source>
        <translation>O chamado #%1 (%2) tem alterações não salvas.</translation>
    </message>
    <message>
        <source>Save them before leaving the call?</source>
        <translation>Salvar antes de sair do chamado?</translation>
    </message>
    <message>
        <source>%1 of %2 calls</source>
        <translation>%1 de %2 chamados</translation>
    </message>
    <message>
        <source>%1 call(s) changed by others: shown when the pointer leaves the list</source>
        <translation>%1 chamado(s) alterado(s) por outros: aparecem quando o ponteiro sair da lista</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Ao vivo</translation>
    </message>
    <message>
        <source>Changes by other operators appear as they happen.</source>
        <translation>As alterações de outros operadores aparecem assim que acontecem.</translation>
    </message>
    <message>
        <source>Live updates paused</source>
        <translation>Atualização ao vivo pausada</translation>
    </message>
    <message>
        <source>Redis is unreachable: the list checks the database for other operators&apos; changes every few seconds.</source>
        <translation>O Redis está inacessível: a lista consulta o banco de dados a cada poucos segundos para ver as alterações de outros operadores.</translation>
    </message>
    <message>
        <source>The new login cannot open the calls database: %1</source>
        <translation>O novo login não consegue abrir o banco de dados de chamados: %1</translation>
    </message>
    <message>
        <source>Loading calls…</source>
        <translation>Carregando chamados…</translation>
    </message>
    <message>
        <source>No calls yet.
Press Ctrl+N or “New call” to register the first one.</source>
        <translation>Nenhum chamado ainda.
Pressione Ctrl+N ou “Novo chamado” para registrar o primeiro.</translation>
    </message>
    <message>
        <source>No call matches the search and the filters above.</source>
        <translation>Nenhum chamado corresponde à busca e aos filtros acima.</translation>
    </message>
</context>
<context>
    <name>CallSystem</name>
    <message>
        <source>New</source>
        <translation>Novo</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Em andamento</translation>
    </message>
    <message>
        <source>Waiting on caller</source>
        <translation>Aguardando cliente</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolvido</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Encerrado</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Crítica</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Média</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Baixa</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Presencial</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Assunto</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgência</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Impacto</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Solução</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Observação</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>%1d %2h</source>
        <translation>%1d %2h</translation>
    </message>
    <message>
        <source>met</source>
        <translation>cumprido</translation>
    </message>
    <message>
        <source>breached</source>
        <translation>estourado</translation>
    </message>
    <message>
        <source>paused · %1</source>
        <translation>pausado · %1</translation>
    </message>
    <message>
        <source>overdue %1</source>
        <translation>atrasado %1</translation>
    </message>
</context>
<context>
    <name>CallTableModel</name>
    <message>
        <source>#</source>
        <translation>Nº</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Assunto</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridade</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Atualizado</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>Prazo %1</translation>
    </message>
</context>
<context>
    <name>ChartsPanel</name>
    <message>
        <source>Events per minute, by source</source>
        <translation>Eventos por minuto, por origem</translation>
    </message>
    <message>
        <source>Events by type</source>
        <translation>Eventos por tipo</translation>
    </message>
    <message>
        <source>Latency (ms): median and p95</source>
        <translation>Latência (ms): mediana e p95</translation>
    </message>
    <message>
        <source>Open calls by status</source>
        <translation>Chamados abertos por situação</translation>
    </message>
    <message>
        <source>Calls opened vs closed per hour</source>
        <translation>Chamados abertos × encerrados por hora</translation>
    </message>
    <message>
        <source>Tasks completed per hour</source>
        <translation>Tarefas concluídas por hora</translation>
    </message>
    <message>
        <source>median</source>
        <translation>mediana</translation>
    </message>
    <message>
        <source>Loading charts…</source>
        <translation>Carregando gráficos…</translation>
    </message>
    <message>
        <source>Not drawn yet</source>
        <translation>Ainda não desenhado</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>abertos</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>encerrados</translation>
    </message>
    <message>
        <source>No events in the last {0} minutes</source>
        <translation>Nenhum evento nos últimos {0} minutos</translation>
    </message>
    <message>
        <source>{0} events in the last {1} minutes ({2}); {3} in the latest minute</source>
        <translation>{0} eventos nos últimos {1} minutos ({2}); {3} no último minuto</translation>
    </message>
    <message>
        <source>No events</source>
        <translation>Nenhum evento</translation>
    </message>
    <message>
        <source>{0}; and {1} other types</source>
        <translation>{0}; e mais {1} tipos</translation>
    </message>
    <message>
        <source>No latency measured in the last {0} minutes</source>
        <translation>Nenhuma latência medida nos últimos {0} minutos</translation>
    </message>
    <message>
        <source>Latency (ms): median {0:.1f}, p95 {1:.1f}</source>
        <translation>Latência (ms): mediana {0:.1f}, p95 {1:.1f}</translation>
    </message>
    <message>
        <source>Median {0} ms, p95 {1} ms in the last {2} minutes</source>
        <translation>Mediana {0} ms, p95 {1} ms nos últimos {2} minutos</translation>
    </message>
    <message>
        <source>No open calls</source>
        <translation>Nenhum chamado aberto</translation>
    </message>
    <message>
        <source>Last {0} hours: {1} opened, {2} closed; latest hour: {3} opened, {4} closed</source>
        <translation>Últimas {0} horas: {1} abertos, {2} fechados; última hora: {3} abertos, {4} fechados</translation>
    </message>
    <message>
        <source>Last {0} hours: {1} completed; latest hour: {2}</source>
        <translation>Últimas {0} horas: {1} concluídas; última hora: {2}</translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Redis connected</source>
        <translation>Redis conectado</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Ao vivo</translation>
    </message>
    <message>
        <source>Catching up…</source>
        <translation>Recuperando eventos…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconectando…</translation>
    </message>
    <message>
        <source>Redis unreachable</source>
        <translation>Redis inacessível</translation>
    </message>
    <message>
        <source>Redis refuses writes: {reason}</source>
        <translation>O Redis recusa gravações: {reason}</translation>
    </message>
    <message>
        <source>Database unavailable</source>
        <translation>Banco de dados indisponível</translation>
    </message>
    <message>
        <source>History disk full: %n event(s) waiting</source>
        <translation>Disco do histórico cheio: %n evento(s) aguardando</translation>
    </message>
    <message>
        <source>History read-only: %n event(s) waiting</source>
        <translation>Histórico somente leitura: %n evento(s) aguardando</translation>
    </message>
    <message>
        <source>Error, retrying…</source>
        <translation>Erro, tentando novamente…</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Parado</translation>
    </message>
    <message>
        <source>Published by the office server</source>
        <translation>Publicado pelo servidor do escritório</translation>
    </message>
    <message>
        <source>Too large</source>
        <translation>Grande demais</translation>
    </message>
    <message>
        <source>Not UTF-8 text</source>
        <translation>Texto que não é UTF-8</translation>
    </message>
    <message>
        <source>Not JSON</source>
        <translation>Não é JSON</translation>
    </message>
    <message>
        <source>Nested too deeply</source>
        <translation>Aninhamento profundo demais</translation>
    </message>
    <message>
        <source>A number that is not finite</source>
        <translation>Um número que não é finito</translation>
    </message>
    <message>
        <source>A key given twice</source>
        <translation>Uma chave repetida</translation>
    </message>
    <message>
        <source>Not a JSON object</source>
        <translation>Não é um objeto JSON</translation>
    </message>
    <message>
        <source>Hidden control characters</source>
        <translation>Caracteres de controle ocultos</translation>
    </message>
    <message>
        <source>Unknown envelope version</source>
        <translation>Versão de envelope desconhecida</translation>
    </message>
    <message>
        <source>Not a valid event</source>
        <translation>Não é um evento válido</translation>
    </message>
    <message>
        <source>Sent on the other app&apos;s channel</source>
        <translation>Enviado no canal do outro aplicativo</translation>
    </message>
    <message>
        <source>Valid, but the history cannot store it (a value out of range)</source>
        <translation>Válido, mas o histórico não consegue armazená-lo (um valor fora do intervalo)</translation>
    </message>
    <message>
        <source>Connection:</source>
        <translation>Conexão:</translation>
    </message>
    <message>
        <source>The console stores no events until its history can be written again (free some space, or restore write access); it then catches up by itself, losing nothing.</source>
        <translation>O console não armazena eventos até que o histórico possa ser gravado de novo (libere espaço ou restaure a permissão de escrita); depois ele se atualiza sozinho, sem perder nada.</translation>
    </message>
    <message numerus="yes">
        <source>%n dead letter(s)</source>
        <translation>
            <numerusform>%n evento não enviável</numerusform>
            <numerusform>%n eventos não enviáveis</numerusform>
        </translation>
    </message>
    <message>
        <source>Events that could not be sent. List them with &apos;integrado outbox list-dead&apos;; send them again with &apos;integrado outbox requeue&apos;.</source>
        <translation>Eventos que não puderam ser enviados. Liste-os com &apos;integrado outbox list-dead&apos;; envie-os de novo com &apos;integrado outbox requeue&apos;.</translation>
    </message>
    <message numerus="yes">
        <source>events queued on the server: %n</source>
        <translation>
            <numerusform>eventos na fila do servidor: %n</numerusform>
            <numerusform>eventos na fila do servidor: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n na fila</numerusform>
            <numerusform>%n na fila</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConsoleController</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <source>Last hour</source>
        <translation>Última hora</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Últimas 24 horas</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 dias</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tudo</translation>
    </message>
    <message>
        <source>Integrado — Event Console</source>
        <translation>Integrado — Console de Eventos</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Ao vivo</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Pause the table (events are still received and stored)</source>
        <translation>Pausar a tabela (os eventos continuam sendo recebidos e gravados)</translation>
    </message>
    <message>
        <source>Follow newest</source>
        <translation>Seguir os mais recentes</translation>
    </message>
    <message>
        <source>Keep the newest event in sight</source>
        <translation>Manter o evento mais recente à vista</translation>
    </message>
    <message>
        <source>Clear view</source>
        <translation>Limpar a tela</translation>
    </message>
    <message>
        <source>Empty the table; the history stays in the database</source>
        <translation>Esvaziar a tabela; o histórico continua no banco de dados</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>One row per event; Enter goes to the event&apos;s details.</source>
        <translation>Uma linha por evento; Enter vai para os detalhes do evento.</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Exibir</translation>
    </message>
    <message>
        <source>Go to the events</source>
        <translation>Ir para os eventos</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atalhos de &amp;teclado</translation>
    </message>
    <message>
        <source>Next / previous control (the arrows move in the table)</source>
        <translation>Próximo controle / controle anterior (as setas se movem na tabela)</translation>
    </message>
    <message>
        <source>In the table: go to the event&apos;s details</source>
        <translation>Na tabela: ir para os detalhes do evento</translation>
    </message>
    <message>
        <source>In the event&apos;s details: read it line by line</source>
        <translation>Nos detalhes do evento: ler linha por linha</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>Histórico:</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Período personalizado</translation>
    </message>
    <message>
        <source>History from</source>
        <translation>Histórico desde</translation>
    </message>
    <message>
        <source>History to</source>
        <translation>Histórico até</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>View as CSV…</source>
        <translation>Tela como CSV…</translation>
    </message>
    <message>
        <source>View as JSON Lines…</source>
        <translation>Tela como JSON Lines…</translation>
    </message>
    <message>
        <source>Selection as CSV…</source>
        <translation>Seleção como CSV…</translation>
    </message>
    <message>
        <source>Selection as JSON Lines…</source>
        <translation>Seleção como JSON Lines…</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origem</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>Todas as origens</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Todos os tipos</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>Todos os operadores</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recebido</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Qualquer horário</translation>
    </message>
    <message>
        <source>Last 5 min</source>
        <translation>Últimos 5 min</translation>
    </message>
    <message>
        <source>Last 15 min</source>
        <translation>Últimos 15 min</translation>
    </message>
    <message>
        <source>Search events</source>
        <translation>Buscar eventos</translation>
    </message>
    <message>
        <source>Search summary, type, entity, operator…</source>
        <translation>Buscar resumo, tipo, entidade, operador…</translation>
    </message>
    <message>
        <source>Entity filter</source>
        <translation>Filtro de entidade</translation>
    </message>
    <message>
        <source>Press to stop filtering by this entity</source>
        <translation>Pressione para deixar de filtrar por esta entidade</translation>
    </message>
    <message>
        <source>Click to stop filtering by this entity</source>
        <translation>Clique para deixar de filtrar por esta entidade</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Limpar filtros</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Filtro salvo</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Salvar…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Select an event to see all of it</source>
        <translation>Selecione um evento para vê-lo por completo</translation>
    </message>
    <message>
        <source>Event fields</source>
        <translation>Campos do evento</translation>
    </message>
    <message>
        <source>Each field&apos;s name, then its value; the arrow keys read them</source>
        <translation>O nome de cada campo e depois o seu valor; as setas os leem</translation>
    </message>
    <message>
        <source>Event details</source>
        <translation>Detalhes do evento</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Computador</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <source>Changed: {0}</source>
        <translation>Alterado: {0}</translation>
    </message>
    <message>
        <source>Event id</source>
        <translation>Id do evento</translation>
    </message>
    <message>
        <source>Correlation id</source>
        <translation>Id de correlação</translation>
    </message>
    <message>
        <source>Sequence number</source>
        <translation>Número de sequência</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Banco de origem</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalhes</translation>
    </message>
    <message>
        <source>Rejected messages by reason</source>
        <translation>Mensagens rejeitadas por motivo</translation>
    </message>
    <message>
        <source>Latest rejected messages</source>
        <translation>Últimas mensagens rejeitadas</translation>
    </message>
    <message>
        <source>Rejected (0)</source>
        <translation>Rejeitadas (0)</translation>
    </message>
    <message>
        <source>No gaps: every event is accounted for</source>
        <translation>Sem lacunas: todos os eventos foram recebidos</translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation>Lacunas</translation>
    </message>
    <message>
        <source>Show the JSON</source>
        <translation>Mostrar o JSON</translation>
    </message>
    <message>
        <source>The event exactly as it arrived</source>
        <translation>O evento exatamente como chegou</translation>
    </message>
    <message>
        <source>{0} · origin {1}</source>
        <translation>{0} · origem {1}</translation>
    </message>
    <message>
        <source>Export %p%</source>
        <translation>Exportando %p%</translation>
    </message>
    <message>
        <source>Gap detected: {0}</source>
        <translation>Lacuna detectada: {0}</translation>
    </message>
    <message>
        <source>Rejected ({0})</source>
        <translation>Rejeitadas ({0})</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Retomar</translation>
    </message>
    <message>
        <source>Resumed: the table shows the events again</source>
        <translation>Retomado: a tabela volta a mostrar os eventos</translation>
    </message>
    <message>
        <source>Following the newest event</source>
        <translation>Seguindo o evento mais recente</translation>
    </message>
    <message>
        <source>Not following the newest event: the rows you read stay put</source>
        <translation>Sem seguir o evento mais recente: as linhas que você lê ficam paradas</translation>
    </message>
    <message>
        <source>View cleared; the history stays in the database</source>
        <translation>Tela limpa; o histórico continua no banco de dados</translation>
    </message>
    <message>
        <source>{0} new</source>
        <translation>{0} novos</translation>
    </message>
    <message>
        <source>{0} shown · {1} loaded</source>
        <translation>{0} exibidos · {1} carregados</translation>
    </message>
    <message>
        <source>Entity: {0} ✕</source>
        <translation>Entidade: {0} ✕</translation>
    </message>
    <message>
        <source>Only this type: {0}</source>
        <translation>Somente este tipo: {0}</translation>
    </message>
    <message>
        <source>Only this operator: {0}</source>
        <translation>Somente este operador: {0}</translation>
    </message>
    <message>
        <source>Only this entity: {0}</source>
        <translation>Somente esta entidade: {0}</translation>
    </message>
    <message>
        <source>History of {0}…</source>
        <translation>Histórico de {0}…</translation>
    </message>
    <message>
        <source>Copy cell</source>
        <translation>Copiar célula</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>(escolha)</translation>
    </message>
    <message>
        <source>Save filter preset</source>
        <translation>Salvar filtro</translation>
    </message>
    <message>
        <source>Name of the preset:</source>
        <translation>Nome do filtro:</translation>
    </message>
    <message>
        <source>Event {0} is not in the database.</source>
        <translation>O evento {0} não está no banco de dados.</translation>
    </message>
    <message>
        <source>The range ends before it starts</source>
        <translation>O período termina antes de começar</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausado</translation>
    </message>
    <message>
        <source>Paused: events are received and stored, not shown</source>
        <translation>Pausado: os eventos são recebidos e guardados, mas não exibidos</translation>
    </message>
    <message>
        <source>Showing the newest {0} of {1} events in this range</source>
        <translation>Exibindo os {0} mais recentes de {1} eventos neste período</translation>
    </message>
    <message>
        <source>Could not load the history: {0}</source>
        <translation>Não foi possível carregar o histórico: {0}</translation>
    </message>
    <message>
        <source>Export events</source>
        <translation>Exportar eventos</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>An export is already running</source>
        <translation>Já há uma exportação em andamento</translation>
    </message>
    <message>
        <source>Exported {0} events to {1}</source>
        <translation>{0} eventos exportados para {1}</translation>
    </message>
    <message>
        <source>Export failed: {0}</source>
        <translation>A exportação falhou: {0}</translation>
    </message>
    <message>
        <source>Loading the event history…</source>
        <translation>Carregando o histórico de eventos…</translation>
    </message>
    <message>
        <source>No event matches the filters above.</source>
        <translation>Nenhum evento corresponde aos filtros acima.</translation>
    </message>
    <message>
        <source>No events yet.
Events appear here as CallSystem and TaskManager record them; the status bar says whether the console is connected.</source>
        <translation>Nenhum evento ainda.
Os eventos aparecem aqui à medida que o CallSystem e o TaskManager os registram; a barra de status diz se o console está conectado.</translation>
    </message>
</context>
<context>
    <name>ConsoleWording</name>
    <message>
        <source>Call opened</source>
        <translation>Chamado aberto</translation>
    </message>
    <message>
        <source>Call updated</source>
        <translation>Chamado atualizado</translation>
    </message>
    <message>
        <source>Call status changed</source>
        <translation>Situação do chamado</translation>
    </message>
    <message>
        <source>Note on a call</source>
        <translation>Nota em chamado</translation>
    </message>
    <message>
        <source>Call assigned</source>
        <translation>Chamado atribuído</translation>
    </message>
    <message>
        <source>Call closed</source>
        <translation>Chamado encerrado</translation>
    </message>
    <message>
        <source>Call reopened</source>
        <translation>Chamado reaberto</translation>
    </message>
    <message>
        <source>Call deleted</source>
        <translation>Chamado excluído</translation>
    </message>
    <message>
        <source>Call restored</source>
        <translation>Chamado restaurado</translation>
    </message>
    <message>
        <source>Task created</source>
        <translation>Tarefa criada</translation>
    </message>
    <message>
        <source>Task updated</source>
        <translation>Tarefa atualizada</translation>
    </message>
    <message>
        <source>Task completed</source>
        <translation>Tarefa concluída</translation>
    </message>
    <message>
        <source>Task reopened</source>
        <translation>Tarefa reaberta</translation>
    </message>
    <message>
        <source>Task moved</source>
        <translation>Tarefa movida</translation>
    </message>
    <message>
        <source>Task deleted</source>
        <translation>Tarefa excluída</translation>
    </message>
    <message>
        <source>Task restored</source>
        <translation>Tarefa restaurada</translation>
    </message>
    <message>
        <source>Alert raised</source>
        <translation>Alerta disparado</translation>
    </message>
    <message>
        <source>Alert acknowledged</source>
        <translation>Alerta reconhecido</translation>
    </message>
    <message>
        <source>Alert cleared</source>
        <translation>Alerta encerrado</translation>
    </message>
    <message>
        <source>new</source>
        <translation>novo</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>em andamento</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>aguardando</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>resolvido</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>encerrado</translation>
    </message>
    <message>
        <source>open</source>
        <translation>aberta</translation>
    </message>
    <message>
        <source>done</source>
        <translation>concluída</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pendente</translation>
    </message>
    <message>
        <source>created</source>
        <translation>criado</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>concluída</translation>
    </message>
    <message>
        <source>reopened</source>
        <translation>reaberto</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>excluído</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>restaurado</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>movida</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>atribuído</translation>
    </message>
    <message>
        <source>note added</source>
        <translation>nota adicionada</translation>
    </message>
    <message>
        <source>status changed</source>
        <translation>situação alterada</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>atualizado</translation>
    </message>
    <message>
        <source>raised</source>
        <translation>disparado</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>reconhecido</translation>
    </message>
    <message>
        <source>cleared</source>
        <translation>encerrado</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>operador</translation>
    </message>
    <message>
        <source>subject</source>
        <translation>assunto</translation>
    </message>
    <message>
        <source>description</source>
        <translation>descrição</translation>
    </message>
    <message>
        <source>caller</source>
        <translation>cliente</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>telefone</translation>
    </message>
    <message>
        <source>category</source>
        <translation>categoria</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>canal</translation>
    </message>
    <message>
        <source>urgency</source>
        <translation>urgência</translation>
    </message>
    <message>
        <source>impact</source>
        <translation>impacto</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>prioridade</translation>
    </message>
    <message>
        <source>resolution</source>
        <translation>solução</translation>
    </message>
    <message>
        <source>title</source>
        <translation>título</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>notas</translation>
    </message>
    <message>
        <source>due</source>
        <translation>prazo</translation>
    </message>
    <message>
        <source>parent</source>
        <translation>tarefa-mãe</translation>
    </message>
    <message>
        <source>position</source>
        <translation>posição</translation>
    </message>
    <message>
        <source>number</source>
        <translation>número</translation>
    </message>
    <message>
        <source>status</source>
        <translation>situação</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <source>low</source>
        <translation>baixa</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>média</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <source>high</source>
        <translation>alta</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>crítica</translation>
    </message>
    <message>
        <source>urgent</source>
        <translation>urgente</translation>
    </message>
    <message>
        <source>call</source>
        <translation>chamado</translation>
    </message>
    <message>
        <source>task</source>
        <translation>tarefa</translation>
    </message>
    <message>
        <source>alert</source>
        <translation>alerta</translation>
    </message>
    <message>
        <source>Call #{0}</source>
        <translation>Chamado #{0}</translation>
    </message>
    <message>
        <source>Task #{0}</source>
        <translation>Tarefa #{0}</translation>
    </message>
    <message>
        <source>note: {0}</source>
        <translation>nota: {0}</translation>
    </message>
    <message>
        <source>(legacy)</source>
        <translation>(legado)</translation>
    </message>
    <message>
        <source>Received (UTC)</source>
        <translation>Recebido (UTC)</translation>
    </message>
    <message>
        <source>Occurred (UTC)</source>
        <translation>Ocorrido (UTC)</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origem</translation>
    </message>
    <message>
        <source>Type (code)</source>
        <translation>Tipo (código)</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entidade</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumo</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Computador</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Latência (ms)</translation>
    </message>
    <message>
        <source>Older system</source>
        <translation>Sistema antigo</translation>
    </message>
    <message>
        <source>Event id</source>
        <translation>Id do evento</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Banco de origem</translation>
    </message>
    <message>
        <source>caught up {0} events from the streams</source>
        <translation>{0} eventos recuperados dos streams</translation>
    </message>
    <message>
        <source>catching up: {0} events read</source>
        <translation>recuperando: {0} eventos lidos</translation>
    </message>
    <message>
        <source>catching up</source>
        <translation>recuperando</translation>
    </message>
    <message>
        <source>the intake process stopped (exit status {0}); restarting</source>
        <translation>o processo de recepção parou (status de saída {0}); reiniciando</translation>
    </message>
    <message>
        <source>{0}; restarting</source>
        <translation>{0}; reiniciando</translation>
    </message>
    <message>
        <source>cannot store events: {0}</source>
        <translation>não foi possível guardar os eventos: {0}</translation>
    </message>
    <message>
        <source>{0}: {1} event(s) missing, seq {2}–{3} (no longer in {4})</source>
        <translation>{0}: {1} evento(s) faltando, seq {2}–{3} (não estão mais em {4})</translation>
    </message>
    <message>
        <source>{0}: the stream was reset (server data lost); earlier events may be missing</source>
        <translation>{0}: o stream foi reiniciado (dados do servidor perdidos); eventos anteriores podem faltar</translation>
    </message>
</context>
<context>
    <name>EntityHistoryDialog</name>
    <message>
        <source>History of %1</source>
        <translation>Histórico de %1</translation>
    </message>
    <message>
        <source>%1 · source %2 · origin %3</source>
        <translation>%1 · fonte %2 · origem %3</translation>
    </message>
    <message>
        <source>Loading the history…</source>
        <translation>Carregando o histórico…</translation>
    </message>
    <message>
        <source>Export audit trail…</source>
        <translation>Exportar trilha de auditoria…</translation>
    </message>
    <message>
        <source>Write every event of this entity, with who, when, what and the changes, to CSV or JSON Lines</source>
        <translation>Gravar todos os eventos desta entidade, com quem, quando, o quê e as alterações, em CSV ou JSON Lines</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n evento</numerusform>
            <numerusform>%n eventos</numerusform>
        </translation>
    </message>
    <message>
        <source> · by %1</source>
        <translation> · por %1</translation>
    </message>
    <message>
        <source>Could not read the history: %1</source>
        <translation>Não foi possível ler o histórico: %1</translation>
    </message>
    <message numerus="yes">
        <source>Audit trail written: %n event(s) to %1</source>
        <translation>
            <numerusform>Trilha de auditoria gravada: %n evento em %1</numerusform>
            <numerusform>Trilha de auditoria gravada: %n eventos em %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit trail was not written: %1</source>
        <translation>A trilha de auditoria não foi gravada: %1</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Export audit trail</source>
        <translation>Exportar trilha de auditoria</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <source>legacy</source>
        <translation>legado</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recebido</translation>
    </message>
    <message>
        <source>Occurred</source>
        <translation>Ocorrido</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origem</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entidade</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumo</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Computador</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latência</translation>
    </message>
    <message>
        <source>Type (code)</source>
        <translation>Tipo (código)</translation>
    </message>
</context>
<context>
    <name>ExceptHook</name>
    <message>
        <source>Unexpected error</source>
        <translation>Erro inesperado</translation>
    </message>
    <message>
        <source>The error was logged. Your saved work is safe.</source>
        <translation>O erro foi registrado no log. O que você já salvou está seguro.</translation>
    </message>
</context>
<context>
    <name>ExportJob</name>
    <message>
        <source>Export cancelled</source>
        <translation>Exportação cancelada</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>Integrado cannot open its database</source>
        <translation>O Integrado não pode abrir o banco de dados</translation>
    </message>
</context>
<context>
    <name>OperatorTableModel</name>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abertos</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Em andamento</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Aguardando</translation>
    </message>
    <message>
        <source>Resolved today</source>
        <translation>Resolvidos hoje</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Última atividade</translation>
    </message>
    <message>
        <source>{0} ago</source>
        <translation>há {0}</translation>
    </message>
    <message>
        <source>now</source>
        <translation>agora</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Procurar em:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Arquivos do &amp;tipo:</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Computador</translation>
    </message>
</context>
<context>
    <name>RejectionCountModel</name>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Quantidade</translation>
    </message>
    <message>
        <source>Latest detail</source>
        <translation>Último detalhe</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Operations report</source>
        <translation>Relatório de operações</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ontem</translation>
    </message>
    <message>
        <source>Today so far</source>
        <translation>Hoje até agora</translation>
    </message>
    <message>
        <source>Last week (Monday to Sunday)</source>
        <translation>Semana passada (segunda a domingo)</translation>
    </message>
    <message>
        <source>This week so far</source>
        <translation>Esta semana até agora</translation>
    </message>
    <message>
        <source>Chosen days</source>
        <translation>Dias escolhidos</translation>
    </message>
    <message>
        <source>PDF with charts</source>
        <translation>PDF com gráficos</translation>
    </message>
    <message>
        <source>CSV for a spreadsheet</source>
        <translation>CSV para planilha</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>Salvar relatório…</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Período</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Dias</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>The last day is before the first.</source>
        <translation>O último dia é anterior ao primeiro.</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>Lendo o histórico…</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documentos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Arquivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Salvar o relatório</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Read %1 events…</source>
        <translation>Lidos %1 eventos…</translation>
    </message>
    <message>
        <source>Report saved: %1</source>
        <translation>Relatório salvo: %1</translation>
    </message>
</context>
<context>
    <name>ReportJob</name>
    <message>
        <source>Report cancelled</source>
        <translation>Relatório cancelado</translation>
    </message>
    <message>
        <source>The report could not be written: %1</source>
        <translation>Não foi possível gravar o relatório: %1</translation>
    </message>
    <message>
        <source>The report failed: %1</source>
        <translation>O relatório falhou: %1</translation>
    </message>
</context>
<context>
    <name>ReportPresenter</name>
    <message>
        <source>&amp;Report…</source>
        <translation>&amp;Relatório…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>The office calendar in the settings is wrong: %1</source>
        <translation>O calendário do escritório nas configurações está errado: %1</translation>
    </message>
    <message>
        <source>The report could not be written: %1</source>
        <translation>Não foi possível gravar o relatório: %1</translation>
    </message>
</context>
<context>
    <name>ResolutionDialog</name>
    <message>
        <source>Close call</source>
        <translation>Encerrar chamado</translation>
    </message>
    <message>
        <source>How was %1 resolved?</source>
        <translation>Como o %1 foi resolvido?</translation>
    </message>
    <message>
        <source>Close the call with this resolution (Ctrl+Enter)</source>
        <translation>Encerrar o chamado com esta resolução (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>What was done… (Ctrl+Enter closes the call)</source>
        <translation>O que foi feito… (Ctrl+Enter encerra o chamado)</translation>
    </message>
</context>
<context>
    <name>SettingsProblemDialog</name>
    <message>
        <source>%1 cannot start</source>
        <translation>%1 não pode iniciar</translation>
    </message>
    <message>
        <source>%1 cannot start: a setting is wrong.</source>
        <translation>%1 não pode iniciar: uma configuração está errada.</translation>
    </message>
    <message>
        <source>Correct it, then start %1 again.</source>
        <translation>Corrija-a e inicie %1 novamente.</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>Enter your user name.</source>
        <translation>Digite seu nome de usuário.</translation>
    </message>
    <message>
        <source>A user name has at most 63 bytes and no control characters (tabs, line breaks).</source>
        <translation>Um nome de usuário tem no máximo 63 bytes e nenhum caractere de controle (tabulações, quebras de linha).</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Digite sua senha.</translation>
    </message>
    <message>
        <source>Wrong user name or password, or the password has expired (the server does not say which). Check Caps Lock and try again; if it keeps failing, ask a supervisor to reset your password.</source>
        <translation>Usuário ou senha errados, ou a senha expirou (o servidor não diz qual). Verifique o Caps Lock e tente de novo; se continuar falhando, peça a um supervisor para redefinir sua senha.</translation>
    </message>
    <message>
        <source>This account is locked: it may not sign in. Ask a supervisor to enable it again.</source>
        <translation>Esta conta está bloqueada: não pode entrar. Peça a um supervisor para habilitá-la de novo.</translation>
    </message>
    <message>
        <source>The server does not accept this user from this PC. Ask the administrator (pg_hba.conf).</source>
        <translation>O servidor não aceita este usuário a partir deste PC. Fale com o administrador (pg_hba.conf).</translation>
    </message>
    <message>
        <source>The database server does not answer. Check the network, or try again in a minute.</source>
        <translation>O servidor de banco de dados não responde. Verifique a rede ou tente de novo em um minuto.</translation>
    </message>
    <message>
        <source>The database server is starting, stopping or full. Try again in a minute.</source>
        <translation>O servidor de banco de dados está iniciando, parando ou cheio. Tente de novo em um minuto.</translation>
    </message>
    <message>
        <source>The database named in the settings does not exist on the server. Ask the administrator.</source>
        <translation>O banco de dados indicado nas configurações não existe no servidor. Fale com o administrador.</translation>
    </message>
    <message>
        <source>Could not sign in: %1</source>
        <translation>Não foi possível entrar: %1</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>operador</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>database owner</source>
        <translation>dono do banco de dados</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>Conectado como %1 (%2)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>S&amp;witch user…</source>
        <translation>&amp;Trocar de usuário…</translation>
    </message>
    <message>
        <source>Sign out and sign in as someone else, without closing</source>
        <translation>Sair e entrar como outra pessoa, sem fechar</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — %1</source>
        <translation>Entrar — %1</translation>
    </message>
    <message>
        <source>Sign in with your own database login to work on %1.</source>
        <translation>Entre com seu próprio login do banco de dados para trabalhar em %1.</translation>
    </message>
    <message>
        <source>Remember on this PC</source>
        <translation>Lembrar neste PC</translation>
    </message>
    <message>
        <source>Keep the password in this PC&apos;s keyring (never in a file) and sign in without asking.</source>
        <translation>Guardar a senha no chaveiro deste PC (nunca em um arquivo) e entrar sem perguntar.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Usuário:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Senha:</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Entrando…</translation>
    </message>
</context>
<context>
    <name>StorageRecoveryDialog</name>
    <message>
        <source>Database problem</source>
        <translation>Problema no banco de dados</translation>
    </message>
    <message>
        <source>the configured database</source>
        <translation>o banco de dados configurado</translation>
    </message>
    <message>
        <source>The database file %1 is damaged and cannot be opened.</source>
        <translation>O arquivo de banco de dados %1 está danificado e não pode ser aberto.</translation>
    </message>
    <message>
        <source>The file %1 is not a database and cannot be opened.</source>
        <translation>O arquivo %1 não é um banco de dados e não pode ser aberto.</translation>
    </message>
    <message>
        <source>The disk that holds %1 is full: the program cannot start.</source>
        <translation>O disco que contém %1 está cheio: o programa não pode iniciar.</translation>
    </message>
    <message>
        <source>The database %1 is read-only (its file or folder cannot be written).</source>
        <translation>O banco de dados %1 está somente leitura (o arquivo ou a pasta não pode ser gravado).</translation>
    </message>
    <message>
        <source>The database %1 cannot be opened.</source>
        <translation>O banco de dados %1 não pode ser aberto.</translation>
    </message>
    <message>
        <source>Move it aside to start with an empty database: the file is kept, renamed to “%1.corrupt-&lt;date and time&gt;”, for a backup or a specialist. Or quit and have a backup restored.</source>
        <translation>Separe-o para começar com um banco de dados vazio: o arquivo é mantido, renomeado para “%1.corrupt-&lt;data e hora&gt;”, para um backup ou um especialista. Ou saia e peça a restauração de um backup.</translation>
    </message>
    <message>
        <source>Move aside and start fresh</source>
        <translation>Separar e começar do zero</translation>
    </message>
    <message>
        <source>Free some space on that disk, then start the program again.</source>
        <translation>Libere espaço nesse disco e inicie o programa de novo.</translation>
    </message>
    <message>
        <source>Tell the office&apos;s administrator, then start the program again.</source>
        <translation>Avise o administrador do escritório e inicie o programa de novo.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
</context>
<context>
    <name>SuiteWindows</name>
    <message>
        <source>&amp;Window</source>
        <translation>&amp;Janela</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
</context>
<context>
    <name>SupervisorDesk</name>
    <message>
        <source>Alerts</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Exibir</translation>
    </message>
    <message>
        <source>&amp;Wallboard</source>
        <translation>&amp;Painel de parede</translation>
    </message>
    <message>
        <source>&amp;Alerts</source>
        <translation>&amp;Alertas</translation>
    </message>
</context>
<context>
    <name>TaskController</name>
    <message>
        <source>The change was not saved: %1</source>
        <translation>A alteração não foi salva: %1</translation>
    </message>
    <message>
        <source>Create “%1”</source>
        <translation>Criar “%1”</translation>
    </message>
    <message>
        <source>Rename “%1”</source>
        <translation>Renomear “%1”</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Concluir</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Mover</translation>
    </message>
    <message>
        <source>Remove “%1”</source>
        <translation>Remover “%1”</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
</context>
<context>
    <name>TaskDetailPane</name>
    <message>
        <source>None</source>
        <translation>Nenhuma</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Baixa</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Média</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>Prazo em</translation>
    </message>
    <message>
        <source>Notes: who to call, what was agreed, links to tickets…</source>
        <translation>Anotações: quem contatar, o que foi combinado, links para chamados…</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridade</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Prazo</translation>
    </message>
    <message>
        <source>Used only when “Due on” is checked.</source>
        <translation>Usada só quando “Prazo em” está marcado.</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Anotações</translation>
    </message>
    <message>
        <source>No task selected</source>
        <translation>Nenhuma tarefa selecionada</translation>
    </message>
    <message>
        <source>Select a task to see and change its priority, due date and notes.</source>
        <translation>Selecione uma tarefa para ver e alterar a prioridade, o prazo e as anotações.</translation>
    </message>
    <message>
        <source>Top-level task</source>
        <translation>Tarefa principal</translation>
    </message>
    <message>
        <source>Done on %1</source>
        <translation>Concluída em %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Concluída</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Aberta</translation>
    </message>
    <message>
        <source>%v of %m subtasks done</source>
        <translation>%v de %m subtarefas concluídas</translation>
    </message>
</context>
<context>
    <name>TaskError</name>
    <message>
        <source>Not saved: the tasks database cannot be reached. Nothing was written and what you typed is kept; try again in a moment. If this goes on, tell the office&apos;s administrator.</source>
        <translation>Não salvo: o banco de dados de tarefas está inacessível. Nada foi gravado e o que você digitou foi mantido; tente de novo em instantes. Se continuar, avise o administrador do escritório.</translation>
    </message>
    <message>
        <source>The tasks database cannot be reached: the tree may be out of date until it is back.</source>
        <translation>O banco de dados de tarefas está inacessível: a árvore pode estar desatualizada até ele voltar.</translation>
    </message>
    <message>
        <source>You may not do this: only a supervisor may remove a task that has subtasks.</source>
        <translation>Você não pode fazer isto: só um supervisor pode remover uma tarefa que tem subtarefas.</translation>
    </message>
    <message>
        <source>You may not do this: your role does not allow it.</source>
        <translation>Você não pode fazer isto: seu perfil não permite.</translation>
    </message>
    <message>
        <source>Your access was removed: this login may no longer use the tasks database. Nothing was saved and what you typed is kept. Ask the office&apos;s administrator.</source>
        <translation>Seu acesso foi removido: este usuário não pode mais usar o banco de tarefas. Nada foi salvo e o que você digitou foi mantido. Fale com o administrador do escritório.</translation>
    </message>
    <message>
        <source>A task needs a title.</source>
        <translation>Uma tarefa precisa de um título.</translation>
    </message>
    <message>
        <source>A title can have at most {limit} characters (this one has {length}).</source>
        <translation>Um título pode ter no máximo {limit} caracteres (este tem {length}).</translation>
    </message>
    <message>
        <source>The title contains control or text-direction characters; please retype it.</source>
        <translation>O título contém caracteres de controle ou de direção de texto; digite-o novamente.</translation>
    </message>
    <message>
        <source>Notes can have at most {limit} characters (these have {length}).</source>
        <translation>As anotações podem ter no máximo {limit} caracteres (estas têm {length}).</translation>
    </message>
    <message>
        <source>The notes contain control or text-direction characters; please retype them.</source>
        <translation>As anotações contêm caracteres de controle ou de direção de texto; digite-as novamente.</translation>
    </message>
    <message>
        <source>Unknown priority {priority}.</source>
        <translation>Prioridade desconhecida: {priority}.</translation>
    </message>
    <message>
        <source>Task #{id} no longer exists.</source>
        <translation>A tarefa nº {id} não existe mais.</translation>
    </message>
    <message>
        <source>A subtask cannot be due after its parent: the parent is due on {date}.</source>
        <translation>Uma subtarefa não pode ter prazo depois da tarefa principal: o prazo dela é {date}.</translation>
    </message>
    <message>
        <source>A subtask of this task is due later, on {date}.</source>
        <translation>Uma subtarefa desta tarefa tem prazo posterior, em {date}.</translation>
    </message>
    <message>
        <source>A task cannot be moved into itself or one of its own subtasks.</source>
        <translation>Uma tarefa não pode ser movida para dentro de si mesma nem de uma de suas subtarefas.</translation>
    </message>
    <message>
        <source>This task (or a subtask) is due after {date}, the new parent&apos;s due date.</source>
        <translation>Esta tarefa (ou uma subtarefa) tem prazo depois de {date}, o prazo da nova tarefa principal.</translation>
    </message>
    <message>
        <source>Task #{id} already exists.</source>
        <translation>A tarefa nº {id} já existe.</translation>
    </message>
    <message>
        <source>This task has {count} open subtask(s). Complete them first (the parent rule is set to block completing a parent with open subtasks).</source>
        <translation>Esta tarefa tem {count} subtarefa(s) aberta(s). Conclua-as primeiro (a regra atual impede concluir uma tarefa com subtarefas abertas).</translation>
    </message>
    <message>
        <source>Task #{id} is not below task #{top}.</source>
        <translation>A tarefa nº {id} não está abaixo da tarefa nº {top}.</translation>
    </message>
    <message>
        <source>The disk is full: the task was not saved. Free some space and try again.</source>
        <translation>O disco está cheio: a tarefa não foi salva. Libere espaço e tente de novo.</translation>
    </message>
    <message>
        <source>Not saved: the tasks database is read-only (its file or folder cannot be written). Nothing was written and what you typed is kept; tell the office&apos;s administrator.</source>
        <translation>Não salvo: o banco de dados de tarefas está somente leitura (o arquivo ou a pasta não pode ser gravado). Nada foi gravado e o que você digitou foi mantido; avise o administrador do escritório.</translation>
    </message>
    <message>
        <source>“{title}” was changed by someone else meanwhile; nothing was saved.</source>
        <translation>“{title}” foi alterada por outra pessoa nesse meio-tempo; nada foi salvo.</translation>
    </message>
    <message>
        <source>“{title}” was removed (perhaps by someone else) and cannot be changed.</source>
        <translation>“{title}” foi removida (talvez por outra pessoa) e não pode ser alterada.</translation>
    </message>
    <message>
        <source>Task #{id} does not exist (perhaps removed by someone else).</source>
        <translation>A tarefa nº {id} não existe (talvez removida por outra pessoa).</translation>
    </message>
    <message>
        <source>“{title}” was changed by someone else since it was shown; nothing was saved. The tree now shows the latest state.</source>
        <translation>“{title}” foi alterada por outra pessoa depois de exibida; nada foi salvo. A árvore agora mostra a versão mais recente.</translation>
    </message>
    <message>
        <source>The due date is not a date.</source>
        <translation>O prazo não é uma data válida.</translation>
    </message>
    <message>
        <source>Nothing to restore.</source>
        <translation>Nada a restaurar.</translation>
    </message>
    <message>
        <source>These tasks can no longer be restored.</source>
        <translation>Estas tarefas não podem mais ser restauradas.</translation>
    </message>
    <message>
        <source>These tasks are no longer removed; nothing was restored.</source>
        <translation>Estas tarefas já não estão removidas; nada foi restaurado.</translation>
    </message>
</context>
<context>
    <name>TaskMainWindow</name>
    <message>
        <source>TaskManager — Integrado</source>
        <translation>TaskManager — Integrado</translation>
    </message>
    <message>
        <source>Search tasks</source>
        <translation>Buscar tarefas</translation>
    </message>
    <message>
        <source>Titles and notes; Ctrl+F comes back here.</source>
        <translation>Títulos e anotações; Ctrl+F volta para cá.</translation>
    </message>
    <message>
        <source>Search titles and notes (Ctrl+F)</source>
        <translation>Buscar em títulos e anotações (Ctrl+F)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abertas</translation>
    </message>
    <message>
        <source>Actionable</source>
        <translation>Para fazer agora</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Concluídas</translation>
    </message>
    <message>
        <source>Every task</source>
        <translation>Todas as tarefas</translation>
    </message>
    <message>
        <source>Tasks not done yet</source>
        <translation>Tarefas ainda não concluídas</translation>
    </message>
    <message>
        <source>Open tasks with no open subtasks: what can be done now</source>
        <translation>Tarefas abertas sem subtarefas abertas: o que dá para fazer agora</translation>
    </message>
    <message>
        <source>Completed tasks</source>
        <translation>Tarefas concluídas</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>Nova tarefa</translation>
    </message>
    <message>
        <source>New task (Insert, Ctrl+N)</source>
        <translation>Nova tarefa (Insert, Ctrl+N)</translation>
    </message>
    <message>
        <source>New subtask</source>
        <translation>Nova subtarefa</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renomear</translation>
    </message>
    <message>
        <source>Complete / reopen</source>
        <translation>Concluir / reabrir</translation>
    </message>
    <message>
        <source>Indent</source>
        <translation>Tornar subtarefa</translation>
    </message>
    <message>
        <source>Make it a subtask of the task above (Tab)</source>
        <translation>Tornar subtarefa da tarefa acima (Tab)</translation>
    </message>
    <message>
        <source>Outdent</source>
        <translation>Subir nível</translation>
    </message>
    <message>
        <source>Move it up one level (Shift+Tab)</source>
        <translation>Subir um nível (Shift+Tab)</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Mover para cima</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Mover para baixo</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Remover…</translation>
    </message>
    <message>
        <source>Remove… (Del)</source>
        <translation>Remover… (Del)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Refazer</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Localizar</translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation>Expandir tudo</translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation>Recolher tudo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atalhos de &amp;teclado</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tarefas</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>&amp;Tarefa</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <source>&amp;Options</source>
        <translation>&amp;Opções</translation>
    </message>
    <message>
        <source>When subtasks are done</source>
        <translation>Quando as subtarefas forem concluídas</translation>
    </message>
    <message>
        <source>Leave the parent to me</source>
        <translation>Deixar a tarefa principal comigo</translation>
    </message>
    <message>
        <source>Complete the parent automatically</source>
        <translation>Concluir a tarefa principal automaticamente</translation>
    </message>
    <message>
        <source>Block completing a parent with open subtasks</source>
        <translation>Impedir a conclusão de uma tarefa com subtarefas abertas</translation>
    </message>
    <message>
        <source>Ask before completing a task with open subtasks</source>
        <translation>Perguntar antes de concluir uma tarefa com subtarefas abertas</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>In the list: indent / outdent the task</source>
        <translation>Na lista: tornar subtarefa / subir um nível</translation>
    </message>
    <message>
        <source>In the list: go to the next / previous control</source>
        <translation>Na lista: ir para o próximo controle / o controle anterior</translation>
    </message>
    <message>
        <source>Elsewhere: next / previous control</source>
        <translation>Fora da lista: próximo controle / controle anterior</translation>
    </message>
    <message>
        <source>In the search field: go to the matches / empty the search</source>
        <translation>No campo de busca: ir para os resultados / limpar a busca</translation>
    </message>
    <message>
        <source>Task “%1” completed.</source>
        <translation>Tarefa “%1” concluída.</translation>
    </message>
    <message>
        <source>Task “%1” reopened.</source>
        <translation>Tarefa “%1” reaberta.</translation>
    </message>
    <message>
        <source>Task “%1” moved to the top level.</source>
        <translation>Tarefa “%1” movida para o nível principal.</translation>
    </message>
    <message>
        <source>Task “%1” moved under “%2”.</source>
        <translation>Tarefa “%1” movida para dentro de “%2”.</translation>
    </message>
    <message>
        <source>Task “%1” moved up.</source>
        <translation>Tarefa “%1” movida para cima.</translation>
    </message>
    <message>
        <source>Task “%1” moved down.</source>
        <translation>Tarefa “%1” movida para baixo.</translation>
    </message>
    <message>
        <source>Complete task</source>
        <translation>Concluir tarefa</translation>
    </message>
    <message>
        <source>Complete “%1” and its %2 open subtasks?</source>
        <translation>Concluir “%1” e suas %2 subtarefas abertas?</translation>
    </message>
    <message>
        <source>Complete all</source>
        <translation>Concluir todas</translation>
    </message>
    <message>
        <source>Don&apos;t ask again</source>
        <translation>Não perguntar novamente</translation>
    </message>
    <message>
        <source>Remove “%1”?</source>
        <translation>Remover “%1”?</translation>
    </message>
    <message>
        <source>Remove “%1” and its subtasks? %2 tasks will be removed.</source>
        <translation>Remover “%1” e suas subtarefas? %2 tarefas serão removidas.</translation>
    </message>
    <message>
        <source>%1 change(s) by others waiting: shown when the pointer leaves the list</source>
        <translation>%1 alteração(ões) de outros aguardando: aparecem quando o ponteiro sair da lista</translation>
    </message>
    <message>
        <source>%1 matches, %2 inside collapsed tasks</source>
        <translation>%1 resultados, %2 dentro de tarefas recolhidas</translation>
    </message>
    <message>
        <source>1 match shown</source>
        <translation>1 resultado exibido</translation>
    </message>
    <message>
        <source>%1 matches shown</source>
        <translation>%1 resultados exibidos</translation>
    </message>
    <message>
        <source>Remove task</source>
        <translation>Remover tarefa</translation>
    </message>
    <message>
        <source>You can undo this with Ctrl+Z.</source>
        <translation>Você pode desfazer com Ctrl+Z.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Concluir</translation>
    </message>
    <message>
        <source>%1 tasks · %2 open · %3 done</source>
        <translation>%1 tarefas · %2 abertas · %3 concluídas</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>%1 atrasadas</translation>
    </message>
    <message>
        <source>The new login cannot open the tasks database: %1</source>
        <translation>O novo login não consegue abrir o banco de dados de tarefas: %1</translation>
    </message>
    <message>
        <source>Loading tasks…</source>
        <translation>Carregando tarefas…</translation>
    </message>
    <message>
        <source>No task matches the search and the view chosen above.</source>
        <translation>Nenhuma tarefa corresponde à busca e à visão escolhida acima.</translation>
    </message>
    <message>
        <source>No tasks yet.
Press Ctrl+N or “New task” to add the first one; Insert adds another.</source>
        <translation>Nenhuma tarefa ainda.
Pressione Ctrl+N ou “Nova tarefa” para criar a primeira; Insert cria outra.</translation>
    </message>
</context>
<context>
    <name>TaskTreeModel</name>
    <message>
        <source>Task</source>
        <translation>Tarefa</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progresso</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridade</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Prazo</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Atualizada</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Baixa</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Média</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>%1, done</source>
        <translation>%1, concluída</translation>
    </message>
    <message>
        <source>today %1</source>
        <translation>hoje %1</translation>
    </message>
    <message>
        <source>%1/%2 · %3%</source>
        <translation>%1/%2 · %3%</translation>
    </message>
</context>
<context>
    <name>TaskTreeView</name>
    <message>
        <source>Tasks</source>
        <translation>Tarefas</translation>
    </message>
    <message>
        <source>Tasks and their subtasks; Space completes or reopens the current task; Tab and Shift+Tab indent and outdent it; Ctrl+Tab and Ctrl+Shift+Tab leave the list.</source>
        <translation>Tarefas e subtarefas; Espaço conclui ou reabre a tarefa atual; Tab e Shift+Tab a tornam subtarefa ou a sobem um nível; Ctrl+Tab e Ctrl+Shift+Tab saem da lista.</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab: indent / outdent the task. Ctrl+Tab / Ctrl+Shift+Tab: next / previous control.</source>
        <translation>Tab / Shift+Tab: tornar subtarefa / subir um nível. Ctrl+Tab / Ctrl+Shift+Tab: próximo controle / controle anterior.</translation>
    </message>
</context>
<context>
    <name>TitleDelegate</name>
    <message>
        <source>Task title</source>
        <translation>Título da tarefa</translation>
    </message>
</context>
<context>
    <name>Wallboard</name>
    <message>
        <source>Waiting for a first action</source>
        <translation>Aguardando primeiro atendimento</translation>
    </message>
    <message>
        <source>Over SLA</source>
        <translation>Fora do SLA</translation>
    </message>
    <message>
        <source>Due within 30 min</source>
        <translation>Vencem em 30 min</translation>
    </message>
    <message>
        <source>Oldest unassigned</source>
        <translation>Mais antigo sem responsável</translation>
    </message>
    <message>
        <source>Resolved today</source>
        <translation>Resolvidos hoje</translation>
    </message>
    <message>
        <source>Tasks overdue</source>
        <translation>Tarefas atrasadas</translation>
    </message>
</context>
<context>
    <name>WallboardWindow</name>
    <message>
        <source>Integrado — Wallboard</source>
        <translation>Integrado — Painel de parede</translation>
    </message>
    <message>
        <source>Operations now</source>
        <translation>Operação agora</translation>
    </message>
    <message>
        <source>Reading the history: {0:n} events</source>
        <translation>Lendo o histórico: {0:n} eventos</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>Lendo o histórico…</translation>
    </message>
    <message>
        <source>none unassigned</source>
        <translation>nenhum sem responsável</translation>
    </message>
    <message>
        <source>yesterday by now: {0:n}</source>
        <translation>ontem até esta hora: {0:n}</translation>
    </message>
    <message>
        <source>{0:n} open calls · {1:n} events · updated {2}</source>
        <translation>{0:n} chamados abertos · {1:n} eventos · atualizado às {2}</translation>
    </message>
    <message>
        <source>amber ≥ {0} min · red ≥ {1} min</source>
        <translation>amarelo ≥ {0} min · vermelho ≥ {1} min</translation>
    </message>
    <message>
        <source>amber ≥ {0} · red ≥ {1}</source>
        <translation>amarelo ≥ {0} · vermelho ≥ {1}</translation>
    </message>
    <message>
        <source>No alerts need attention</source>
        <translation>Nenhum alerta pendente</translation>
    </message>
    <message>
        <source>(+{0} more)</source>
        <translation>(+{0} outros)</translation>
    </message>
</context>
</TS>
